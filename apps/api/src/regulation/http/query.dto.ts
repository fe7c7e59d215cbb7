import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { POPULATIONS, type Population } from '@pix-ledger/domain';
import { IsAcademieCode, IsCalendarDate, IsKnowledgeTime, IsSchoolYearValue } from './validators';

/** Query parameters of the regulation reads: valid time (asOf) and knowledge time (knownAt). */
export class KnownAtQuery {
  @ApiPropertyOptional({
    description:
      'Knowledge time: only facts the registry knew by then (a date includes its whole day)',
    example: '2021-12-15',
  })
  @IsOptional()
  @IsKnowledgeTime()
  knownAt?: string;
}

export class AsOfQuery extends KnownAtQuery {
  @ApiPropertyOptional({
    description: 'Valid time: what was in force on that date',
    example: '2022-01-10',
  })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

export class TextsQuery extends KnownAtQuery {
  @ApiPropertyOptional({
    description: 'Only the texts in force on that date',
    example: '2023-06-01',
  })
  @IsOptional()
  @IsCalendarDate()
  inForceOn?: string;
}

export class CalendarQuery extends AsOfQuery {
  @ApiPropertyOptional({ enum: POPULATIONS })
  @IsOptional()
  @IsIn(POPULATIONS)
  population?: Population;

  @ApiPropertyOptional({
    description: 'Académie code: applies its circular’s narrowing',
    example: '24',
  })
  @IsOptional()
  @IsAcademieCode()
  academie?: string;
}

export class RulesQuery extends CalendarQuery {}

export class SchoolYearParams {
  @IsSchoolYearValue()
  schoolYear!: string;
}
