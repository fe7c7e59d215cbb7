import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ABORT_REASONS,
  type AbortReason,
  CERTIFICATION_FORMATS,
  type CertificationFormat,
  COMPETENCE_CODES,
  COMPETENCE_LEVEL_MAX,
  COMPETENCE_LEVEL_MIN,
  COMPETENCE_SCORE_MAX,
  ISSUE_CATEGORIES,
  type IssueCategory,
  RESULT_STATUSES,
  type ResultStatus,
  SESSION_POPULATIONS,
  type SessionPopulation,
  TRANSMISSION_CHANNELS,
  type TransmissionChannel,
} from '@pix-ledger/domain';
import {
  EXTERNAL_ID,
  EXTERNAL_ID_MESSAGE,
  IsCalendarDate,
  IsIne,
  IsUai,
} from '../shared/validators';

const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export class SessionParam {
  @ApiProperty({ example: '12345' })
  @Matches(EXTERNAL_ID, { message: ({ property }) => EXTERNAL_ID_MESSAGE(property) })
  sessionId!: string;
}

export class CandidateParam extends SessionParam {
  @ApiProperty({ example: 'c1' })
  @Matches(EXTERNAL_ID, { message: ({ property }) => EXTERNAL_ID_MESSAGE(property) })
  candidateId!: string;
}

export class ScheduleSessionDto {
  @ApiProperty({ example: '12345', description: 'Session number (Pix Certif) or any id of yours' })
  @Matches(EXTERNAL_ID, { message: ({ property }) => EXTERNAL_ID_MESSAGE(property) })
  sessionId!: string;

  @ApiProperty({ example: '0510001Z' })
  @Transform(upper)
  @IsUai()
  uai!: string;

  @ApiProperty({ enum: SESSION_POPULATIONS })
  @IsIn(SESSION_POPULATIONS)
  population!: SessionPopulation;

  @ApiProperty({ example: '2025-03-20' })
  @IsCalendarDate()
  date!: string;

  @ApiProperty({ example: '09:00' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time: must be a time HH:MM' })
  time!: string;
}

export class IdentityDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  lastName!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  firstName!: string;

  @ApiProperty({ example: '2007-05-02' })
  @IsCalendarDate()
  birthDate!: string;
}

export class EnrolCandidateDto {
  @ApiProperty({ example: 'c1' })
  @Matches(EXTERNAL_ID, { message: ({ property }) => EXTERNAL_ID_MESSAGE(property) })
  candidateId!: string;

  @ApiProperty({ example: '123456789AB', description: 'INE: RNIE, BEA or apprentissage format' })
  @Transform(upper)
  @IsIne()
  ine!: string;

  @ApiProperty({ type: IdentityDto, description: 'Personal data, kept apart' })
  @IsObject()
  @ValidateNested()
  @Type(() => IdentityDto)
  identity!: IdentityDto;
}

export class AtDto {
  @ApiPropertyOptional({ description: 'ISO-8601 instant; default: now' })
  @IsOptional()
  @Matches(INSTANT, { message: 'at: must be an ISO-8601 date-time with a time zone' })
  at?: string;
}

export class AbortDto extends AtDto {
  @ApiProperty({ enum: ABORT_REASONS })
  @IsIn(ABORT_REASONS)
  reason!: AbortReason;
}

export class ReportIssueDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(EXTERNAL_ID, { message: ({ property }) => EXTERNAL_ID_MESSAGE(property) })
  candidateId?: string;

  @ApiProperty({ enum: ISSUE_CATEGORIES })
  @IsIn(ISSUE_CATEGORIES)
  category!: IssueCategory;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  description?: string;
}

export class AbortReasonDto {
  @ApiProperty()
  @Matches(EXTERNAL_ID, { message: ({ property }) => EXTERNAL_ID_MESSAGE(property) })
  candidateId!: string;

  @ApiProperty({ enum: ABORT_REASONS })
  @IsIn(ABORT_REASONS)
  reason!: AbortReason;
}

export class FinaliseSessionDto {
  @ApiPropertyOptional({
    example: '2025-04-02',
    description: 'Day of finalisation; default: today (Europe/Paris)',
  })
  @IsOptional()
  @IsCalendarDate()
  finalisedOn?: string;

  @ApiPropertyOptional({ type: [AbortReasonDto], description: 'One per unfinished test' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AbortReasonDto)
  abortReasons?: AbortReasonDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  examinerGlobalComment?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  hasIncident?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  hasJoiningIssue?: boolean;
}

export class ReasonDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}

export class CompetenceMarkDto {
  @ApiProperty({ enum: COMPETENCE_CODES })
  @IsIn(COMPETENCE_CODES)
  code!: string;

  @ApiProperty({ minimum: COMPETENCE_LEVEL_MIN, maximum: COMPETENCE_LEVEL_MAX })
  @IsInt()
  @Min(COMPETENCE_LEVEL_MIN)
  @Max(COMPETENCE_LEVEL_MAX)
  level!: number;

  @ApiPropertyOptional({ minimum: 0, maximum: COMPETENCE_SCORE_MAX, nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(COMPETENCE_SCORE_MAX)
  score?: number | null;
}

export class CertificationResultDto {
  @ApiProperty({ enum: RESULT_STATUSES })
  @IsIn(RESULT_STATUSES)
  status!: ResultStatus;

  @ApiProperty()
  @IsInt()
  @Min(0)
  pixScore!: number;

  @ApiProperty({ enum: CERTIFICATION_FORMATS })
  @IsIn(CERTIFICATION_FORMATS)
  format!: CertificationFormat;

  @ApiProperty({ type: [CompetenceMarkDto], description: 'The 16 competences 1.1 to 5.2' })
  @IsArray()
  @ArrayMinSize(16)
  @ArrayMaxSize(16)
  @ValidateNested({ each: true })
  @Type(() => CompetenceMarkDto)
  competences!: CompetenceMarkDto[];

  @ApiProperty({
    minimum: 1,
    maximum: COMPETENCE_LEVEL_MAX,
    description: 'Highest level reachable on that date',
  })
  @IsInt()
  @Min(1)
  @Max(COMPETENCE_LEVEL_MAX)
  maxReachableLevel!: number;

  @ApiProperty({ description: 'Highest score reachable on that date' })
  @IsInt()
  @Min(0)
  maxReachableScore!: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  reproducibilityRate?: number;

  @ApiPropertyOptional({ example: 'P-AB12CD34' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,32}$/, {
    message: 'verificationCode: letters, digits and dashes (at most 32)',
  })
  verificationCode?: string;
}

export class ScoreDto {
  @ApiProperty({ type: CertificationResultDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CertificationResultDto)
  result!: CertificationResultDto;
}

export class RescoreDto extends ScoreDto {
  @ApiProperty({ example: 'neutralisation' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}

export class PublishDto {
  @ApiPropertyOptional({ description: 'Day of publication; default: today (Europe/Paris)' })
  @IsOptional()
  @IsCalendarDate()
  publishedOn?: string;
}

export class TransmitDto {
  @ApiProperty({ enum: TRANSMISSION_CHANNELS })
  @IsIn(TRANSMISSION_CHANNELS)
  channel!: TransmissionChannel;

  @ApiPropertyOptional({ description: 'Day of transmission; default: today (Europe/Paris)' })
  @IsOptional()
  @IsCalendarDate()
  transmittedOn?: string;
}
