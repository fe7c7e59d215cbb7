import { Body, Controller, Headers, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CertificationResult, SessionCommand } from '@pix-ledger/domain';
import type { Clock } from '@pix-ledger/event-store';
import { CLOCK } from '../../infrastructure/event-store.module';
import { CertificationCommands } from '../shared/certification-commands.service';
import { parisDay } from '../shared/paris-day';
import { expectedRevisionFrom, setETag } from '../shared/revision-headers';
import {
  AbortDto,
  AtDto,
  CandidateParam,
  type CertificationResultDto,
  EnrolCandidateDto,
  FinaliseSessionDto,
  PublishDto,
  ReasonDto,
  ReportIssueDto,
  RescoreDto,
  ScheduleSessionDto,
  ScoreDto,
  SessionParam,
  TransmitDto,
} from './session.dto';
import { Allow } from '../../auth/access/access.decorators';
import {
  academie,
  academieOfEstablishment,
  bodyField,
  etablissement,
  param,
  sessionUai,
} from '../../auth/access/grants';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'Revision last seen (ETag); 409 if it moved',
};

function toResult(dto: CertificationResultDto): CertificationResult {
  return {
    status: dto.status,
    pixScore: dto.pixScore,
    format: dto.format,
    competences: dto.competences.map((c) => ({
      code: c.code,
      level: c.level,
      score: c.score ?? null,
    })),
    maxReachableLevel: dto.maxReachableLevel,
    maxReachableScore: dto.maxReachableScore,
    ...(dto.reproducibilityRate !== undefined
      ? { reproducibilityRate: dto.reproducibilityRate }
      : {}),
    ...(dto.verificationCode !== undefined ? { verificationCode: dto.verificationCode } : {}),
  };
}

/** The session lifecycle of Pix Certif, one POST per step (DOMAIN.md §4.2). */
@ApiTags('certification: sessions')
@Allow(
  academie(academieOfEstablishment(sessionUai(param('sessionId')))),
  etablissement(sessionUai(param('sessionId'))),
)
@Controller('sessions')
export class SessionsController {
  constructor(
    private readonly commands: CertificationCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private now = () => this.clock.now().toISOString();
  private today = () => parisDay(this.clock.now());

  private async run(
    sessionId: string,
    command: SessionCommand,
    res: Response,
    ifMatch: string | undefined,
    idempotencyKey?: string,
  ) {
    const result = await this.commands.onSession(sessionId, command, {
      expectedRevision: expectedRevisionFrom(ifMatch),
      idempotencyKey: idempotencyKey || undefined,
    });
    setETag(res, result.revision);
    return { sessionId, ...result };
  }

  @Post()
  @Allow(academie(academieOfEstablishment(bodyField('uai'))), etablissement(bodyField('uai')))
  @ApiOperation({
    summary: 'Schedule a session: establishment, population (LYC/COL), date and time',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async schedule(
    @Body() dto: ScheduleSessionDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const establishmentRegistered = await this.commands.establishmentRegistered(dto.uai);
    res.setHeader('Location', `/sessions/${dto.sessionId}`);
    return this.run(
      dto.sessionId,
      { type: 'ScheduleSession', ...dto, establishmentRegistered },
      res,
      undefined,
      idempotencyKey,
    );
  }

  @Post(':sessionId/candidates')
  @ApiOperation({ summary: 'Enrol a candidate (INE; identity kept apart as personal data)' })
  @ApiHeader(IF_MATCH)
  async enrol(
    @Param() { sessionId }: SessionParam,
    @Body() dto: EnrolCandidateDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { lastName, firstName, birthDate } = dto.identity;
    return this.run(
      sessionId,
      {
        type: 'EnrolCandidate',
        candidateId: dto.candidateId,
        ine: dto.ine,
        identity: { lastName, firstName, birthDate },
      },
      res,
      ifMatch,
    );
  }

  @Post(':sessionId/candidates/:candidateId/start')
  @HttpCode(200)
  @ApiOperation({ summary: "Start the candidate's test" })
  @ApiHeader(IF_MATCH)
  async start(
    @Param() { sessionId, candidateId }: CandidateParam,
    @Body() dto: AtDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      sessionId,
      { type: 'StartCertification', candidateId, at: dto.at ?? this.now() },
      res,
      ifMatch,
    );
  }

  @Post(':sessionId/candidates/:candidateId/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'The candidate answered to the end' })
  @ApiHeader(IF_MATCH)
  async complete(
    @Param() { sessionId, candidateId }: CandidateParam,
    @Body() dto: AtDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      sessionId,
      { type: 'CompleteCertification', candidateId, at: dto.at ?? this.now() },
      res,
      ifMatch,
    );
  }

  @Post(':sessionId/candidates/:candidateId/abort')
  @HttpCode(200)
  @ApiOperation({ summary: 'Abort the test, for a candidate or a technical reason' })
  @ApiHeader(IF_MATCH)
  async abort(
    @Param() { sessionId, candidateId }: CandidateParam,
    @Body() dto: AbortDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      sessionId,
      { type: 'AbortCertification', candidateId, reason: dto.reason, at: dto.at ?? this.now() },
      res,
      ifMatch,
    );
  }

  @Post(':sessionId/candidates/:candidateId/end-by-invigilator')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The invigilator ended the test (an abort reason is due at finalisation)',
  })
  @ApiHeader(IF_MATCH)
  async endByInvigilator(
    @Param() { sessionId, candidateId }: CandidateParam,
    @Body() dto: AtDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      sessionId,
      { type: 'EndCertificationByInvigilator', candidateId, at: dto.at ?? this.now() },
      res,
      ifMatch,
    );
  }

  @Post(':sessionId/issues')
  @ApiOperation({ summary: 'Report an issue (signalement), for a candidate or the room' })
  @ApiHeader(IF_MATCH)
  async reportIssue(
    @Param() { sessionId }: SessionParam,
    @Body() dto: ReportIssueDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      sessionId,
      {
        type: 'ReportIssue',
        candidateId: dto.candidateId ?? null,
        category: dto.category,
        description: dto.description ?? null,
      },
      res,
      ifMatch,
    );
  }

  @Post(':sessionId/finalise')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Finalise: every unfinished test needs an abort reason. Lateness is flagged, not refused.',
  })
  @ApiHeader(IF_MATCH)
  async finalise(
    @Param() { sessionId }: SessionParam,
    @Body() dto: FinaliseSessionDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      sessionId,
      {
        type: 'FinaliseSession',
        finalisedOn: dto.finalisedOn ?? this.today(),
        abortReasons: (dto.abortReasons ?? []).map(({ candidateId, reason }) => ({
          candidateId,
          reason,
        })),
        examinerGlobalComment: dto.examinerGlobalComment ?? null,
        hasIncident: dto.hasIncident ?? false,
        hasJoiningIssue: dto.hasJoiningIssue ?? false,
      },
      res,
      ifMatch,
    );
  }

  @Post(':sessionId/unfinalise')
  @HttpCode(200)
  @ApiOperation({ summary: 'Undo the finalisation (before publication only)' })
  @ApiHeader(IF_MATCH)
  async unfinalise(
    @Param() { sessionId }: SessionParam,
    @Body() dto: ReasonDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(sessionId, { type: 'UnfinaliseSession', reason: dto.reason }, res, ifMatch);
  }

  @Post(':sessionId/candidates/:candidateId/score')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the first version of a result' })
  @ApiHeader(IF_MATCH)
  async score(
    @Param() { sessionId, candidateId }: CandidateParam,
    @Body() dto: ScoreDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      sessionId,
      { type: 'ScoreCertification', candidateId, result: toResult(dto.result) },
      res,
      ifMatch,
    );
  }

  @Post(':sessionId/candidates/:candidateId/rescore')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new version of the result (the old one stays in the history)' })
  @ApiHeader(IF_MATCH)
  async rescore(
    @Param() { sessionId, candidateId }: CandidateParam,
    @Body() dto: RescoreDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      sessionId,
      {
        type: 'RescoreCertification',
        candidateId,
        result: toResult(dto.result),
        reason: dto.reason,
      },
      res,
      ifMatch,
    );
  }

  @Post(':sessionId/candidates/:candidateId/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel the result (a new version, status cancelled)' })
  @ApiHeader(IF_MATCH)
  async cancel(
    @Param() { sessionId, candidateId }: CandidateParam,
    @Body() dto: ReasonDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      sessionId,
      { type: 'CancelCertification', candidateId, reason: dto.reason },
      res,
      ifMatch,
    );
  }

  @Post(':sessionId/publish')
  @HttpCode(200)
  @ApiOperation({ summary: "Publish the session's results" })
  @ApiHeader(IF_MATCH)
  async publish(
    @Param() { sessionId }: SessionParam,
    @Body() dto: PublishDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      sessionId,
      { type: 'PublishResults', publishedOn: dto.publishedOn ?? this.today() },
      res,
      ifMatch,
    );
  }

  @Post(':sessionId/unpublish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw the publication' })
  @ApiHeader(IF_MATCH)
  async unpublish(
    @Param() { sessionId }: SessionParam,
    @Body() dto: ReasonDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(sessionId, { type: 'UnpublishResults', reason: dto.reason }, res, ifMatch);
  }

  @Post(':sessionId/transmissions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Results transmitted to LSU (collège), LSL or Parcoursup (lycée)' })
  @ApiHeader(IF_MATCH)
  async transmit(
    @Param() { sessionId }: SessionParam,
    @Body() dto: TransmitDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      sessionId,
      {
        type: 'TransmitResults',
        channel: dto.channel,
        transmittedOn: dto.transmittedOn ?? this.today(),
      },
      res,
      ifMatch,
    );
  }
}
