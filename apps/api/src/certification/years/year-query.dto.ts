import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, Matches, ValidateBy } from 'class-validator';
import { isKnowledgeTime, POPULATIONS, type Population } from '@pix-ledger/domain';
import { IsAcademie, IsCalendarDate, IsSchoolYear, IsUai } from '../shared/validators';

const STATS_GROUPS_LIST =
  /^(academie|establishment|population)(,(academie|establishment|population))*$/;

const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

const IsKnowledgeTime = () =>
  ValidateBy({
    name: 'isKnowledgeTime',
    validator: {
      validate: (value) => isKnowledgeTime(value),
      defaultMessage: (args) =>
        `${args?.property}: must be a date YYYY-MM-DD or an ISO 8601 instant`,
    },
  });

export class YearParam {
  @ApiProperty({ example: '2024-2025' })
  @IsSchoolYear()
  schoolYear!: string;
}

export class YearEstablishmentParams extends YearParam {
  @ApiProperty({ example: '0510001Z' })
  @Transform(upper)
  @IsUai()
  uai!: string;
}

/** The same time parameters as the regulation views. */
export class YearTimeQuery {
  @ApiPropertyOptional({
    description:
      'Valid time: the year as it stood that day (sessions held, finalisations and publications dated by then)',
    example: '2025-03-31',
  })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  @ApiPropertyOptional({
    description:
      'Knowledge time: only what the registry knew by then, rules included (a date includes its whole day)',
    example: '2025-01-01',
  })
  @IsOptional()
  @IsKnowledgeTime()
  knownAt?: string;
}

export class YearStatsQuery extends YearTimeQuery {
  @ApiPropertyOptional({
    example: '19',
    description: "Académie code (the establishment's on each session date)",
  })
  @IsOptional()
  @IsAcademie()
  academie?: string;

  @ApiPropertyOptional({ enum: POPULATIONS })
  @IsOptional()
  @IsIn(POPULATIONS)
  population?: Population;

  @ApiPropertyOptional({
    example: 'academie,population',
    description:
      'Breakdowns to include, comma-separated among academie, establishment, population ' +
      '(default: all three). A national answer lists every establishment: a dashboard tile ' +
      'asks for what it shows.',
  })
  @IsOptional()
  @Matches(STATS_GROUPS_LIST, {
    message: 'groups: must be a comma-separated list of academie, establishment, population',
  })
  groups?: string;
}

export class YearComplianceQuery extends YearTimeQuery {
  @ApiPropertyOptional({ example: '19' })
  @IsOptional()
  @IsAcademie()
  academie?: string;
}
