import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CertificationCommands } from '../shared/certification-commands.service';
import { expectedRevisionFrom, setETag } from '../shared/revision-headers';
import {
  Attestation6eOutcomeDto,
  Attestation6eParams,
  OpenCampaignDto,
  ParcoursCompletedDto,
} from './attestation6e.dto';
import { Allow } from '../../auth/access/access.decorators';
import { academie, academieOfEstablishment, etablissement, param } from '../../auth/access/grants';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'Revision last seen (ETag); 409 if it moved',
};

/** The "Pix 6e" attestation: campaigns, completed parcours, obtained or not (DOMAIN.md §3.6). */
@ApiTags('certification: 6e attestations')
@Allow(academie(academieOfEstablishment(param('uai'))), etablissement(param('uai')))
@Controller('attestations6e/:uai/:schoolYear')
export class Attestations6eController {
  constructor(private readonly commands: CertificationCommands) {}

  private async run(
    command: Parameters<CertificationCommands['onAttestation6e']>[0],
    res: Response,
    ifMatch?: string,
  ) {
    const result = await this.commands.onAttestation6e(command, {
      expectedRevision: expectedRevisionFrom(ifMatch),
    });
    setETag(res, result.revision);
    return { uai: command.uai, schoolYear: command.schoolYear, ...result };
  }

  @Post('campaigns')
  @ApiOperation({ summary: 'Open a Pix Orga campaign for a 6e parcours' })
  @ApiHeader(IF_MATCH)
  async open(
    @Param() scope: Attestation6eParams,
    @Body() dto: OpenCampaignDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run({ type: 'OpenAttestation6eCampaign', ...scope, ...dto }, res, ifMatch);
  }

  @Post('completions')
  @ApiOperation({ summary: 'A pupil completed the parcours of a campaign' })
  @ApiHeader(IF_MATCH)
  async complete(
    @Param() scope: Attestation6eParams,
    @Body() dto: ParcoursCompletedDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { lastName, firstName, birthDate } = dto.identity;
    return this.run(
      {
        type: 'RecordParcoursCompleted',
        ...scope,
        campaignCode: dto.campaignCode,
        pupilId: dto.pupilId,
        ine: dto.ine,
        identity: { lastName, firstName, birthDate },
        completedOn: dto.completedOn,
        score: dto.score ?? null,
      },
      res,
      ifMatch,
    );
  }

  @Post('outcomes')
  @HttpCode(200)
  @ApiOperation({ summary: 'The pupil obtained the attestation, or not' })
  @ApiHeader(IF_MATCH)
  async outcome(
    @Param() scope: Attestation6eParams,
    @Body() dto: Attestation6eOutcomeDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run({ type: 'RecordAttestation6eOutcome', ...scope, ...dto }, res, ifMatch);
  }
}
