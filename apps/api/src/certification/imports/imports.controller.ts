import {
  BadRequestException,
  Controller,
  HttpException,
  HttpStatus,
  Inject,
  Post,
  Req,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { EVENT_STORE, type EventStore } from '@pix-ledger/event-store';
import { Allow, type PrincipalRequest } from '../../auth/access/access.decorators';
import { academiesOf, uaisOf } from '../../auth/principal';
import { establishmentWriteScope } from '../../auth/access/narrowing';
import { ScopeResolver } from '../../auth/access/scope-resolver.service';
import { ProjectionsService } from '../../projections/projections.service';
import { PersonalDataVault } from '../../privacy/sealing/personal-data-vault';
import { ImportFileError, importResultsCsv } from './import-results';

/** What multer hands over for a multipart field (memory storage). */
interface UploadedCsv {
  buffer: Buffer;
  originalname: string;
}

const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

@ApiTags('certification: imports')
@Controller('imports')
export class ImportsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionsService,
    private readonly vault: PersonalDataVault,
    private readonly scopes: ScopeResolver,
  ) {}

  @Post('results')
  // Académies and establishments import too; rows outside their scope are rejected one by one.
  @Allow(({ principal }) => academiesOf(principal).length > 0 || uaisOf(principal).length > 0)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES } }))
  @ApiOperation({
    summary:
      'Import a results CSV (Pix Certif export + UAI, INE, population…): idempotent, with a report of rejected lines',
  })
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
    description:
      'The CSV as the body (text/csv), or as the multipart field "file". See README "Importing results".',
  })
  async importResults(@Req() req: Request & PrincipalRequest, @UploadedFile() file?: UploadedCsv) {
    let input: AsyncIterable<Buffer | string>;
    if (file) input = [file.buffer] as unknown as AsyncIterable<Buffer>;
    else if (req.is(['text/csv', 'text/plain', 'application/octet-stream'])) input = req;
    else
      throw new BadRequestException([
        'file: send the CSV as a text/csv body or as the multipart field "file"',
      ]);
    try {
      const report = await importResultsCsv(this.store, toAsync(input), {
        actor: 'api:import',
        personalData: this.vault,
        mayWriteFor: establishmentWriteScope(req.principal, (uai) =>
          this.scopes.academieOfEstablishment(uai),
        ),
      });
      return report;
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      const status = error.details.missingColumns
        ? HttpStatus.BAD_REQUEST
        : HttpStatus.UNPROCESSABLE_ENTITY;
      throw new HttpException(
        {
          statusCode: status,
          error: 'import_failed',
          message: [error.message],
          ...error.details,
          report: error.partialReport,
        },
        status,
      );
    } finally {
      await this.projections.catchUp();
    }
  }
}

async function* toAsync(input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>) {
  for await (const chunk of input) yield chunk;
}
