import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/access/access.decorators';
import { national } from '../../auth/access/grants';
import { PupilErasures } from './pupil-erasure.service';
import { ErasureDto, PupilLookupDto, PupilRefParam } from './pupil.dto';

/** GDPR rights on a pupil's personal data (national: the data protection officer's office). */
@ApiTags('privacy')
@Controller('pupils')
export class PupilsController {
  constructor(private readonly erasures: PupilErasures) {}

  @Post('lookup')
  @HttpCode(200)
  @Allow(national)
  @ApiOperation({ summary: "Find a pupil's registry reference from their INE (sent in the body)" })
  lookup(@Body() dto: PupilLookupDto) {
    return this.erasures.lookup(dto.ine);
  }

  @Post(':pupilRef/erasure')
  @HttpCode(200)
  @Allow(national)
  @ApiOperation({
    summary:
      "Erase a pupil's personal data: their key is destroyed, INE and identity become unreadable everywhere; results and statistics stay",
  })
  erase(@Param() { pupilRef }: PupilRefParam, @Body() dto: ErasureDto) {
    return this.erasures.erase(pupilRef, dto.reason ?? null);
  }
}
