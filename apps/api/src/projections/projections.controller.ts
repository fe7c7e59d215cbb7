import {
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RebuildRequestDto } from './rebuild-request.dto';
import { ProjectionsService } from './projections.service';

@ApiTags('operations')
@Controller('projections')
export class ProjectionsController {
  constructor(private readonly projections: ProjectionsService) {}

  @Get()
  @ApiOperation({
    summary:
      'Each projection with its checkpoint, its lag (positions behind the head, age of the oldest ' +
      'unprocessed event) and the rebuild under way, if any',
  })
  async list() {
    return { runner: this.projections.mode, projections: await this.projections.status() };
  }
}

/**
 * Requests a rebuild (a write): served by the API only, behind its access guard (national).
 * The projector's port, which has no tokens, serves the read-only controllers above.
 */
@ApiTags('operations')
@Controller('projections')
export class ProjectionRebuildsController {
  constructor(private readonly projections: ProjectionsService) {}

  @Post(':name/rebuilds')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Starts a blue/green rebuild of a projection (every year, or one school year): the live ' +
      'tables keep answering until the rebuilt ones replace them in one transaction',
  })
  async rebuild(@Param('name') name: string, @Body() body: RebuildRequestDto) {
    if (!this.projections.has(name)) throw new NotFoundException(`no projection named ${name}`);
    try {
      return { rebuild: await this.projections.requestRebuild(name, body.schoolYear) };
    } catch (error) {
      throw new ConflictException(error instanceof Error ? error.message : String(error));
    }
  }
}
