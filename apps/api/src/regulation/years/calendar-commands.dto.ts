import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  CALENDAR_ERRATUM_FIELDS,
  type CalendarErratumField,
  CONFIDENCES,
  type Confidence,
  POPULATIONS,
  type Population,
} from '@pix-ledger/domain';
import { PeriodDto, SourceDto, SourcedDto } from '../http/shared.dto';
import { IsAcademieCode, IsCalendarDate } from '../http/validators';

class ItemSourceFields {
  @ApiPropertyOptional({
    description: 'The text that set this item',
    example: 'note-de-service-2024-10-23',
  })
  @IsOptional()
  @IsString()
  textId?: string;

  @ApiPropertyOptional({ type: SourceDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SourceDto)
  source?: SourceDto;

  @ApiPropertyOptional({ enum: CONFIDENCES })
  @IsOptional()
  @IsIn(CONFIDENCES)
  confidence?: Confidence;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  note?: string;
}

export class CalendarItemDto extends ItemSourceFields {
  @ApiProperty({ enum: POPULATIONS })
  @IsIn(POPULATIONS)
  population!: Population;

  @ApiProperty()
  @IsBoolean()
  mandatory!: boolean;

  @ApiPropertyOptional({ type: PeriodDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PeriodDto)
  window?: PeriodDto;

  @ApiPropertyOptional({ example: '2025-03-31' })
  @IsOptional()
  @IsCalendarDate()
  finalisationDeadline?: string;

  @ApiPropertyOptional({ type: PeriodDto, description: 'Semaine de rattrapage' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PeriodDto)
  catchUp?: PeriodDto;

  @ApiPropertyOptional({ example: '2025-04-08' })
  @IsOptional()
  @IsCalendarDate()
  parcoursupTransmissionDate?: string;
}

export class PublishCalendarDto extends SourcedDto {
  @ApiProperty({ example: '2024-11-14' })
  @IsCalendarDate()
  publishedOn!: string;

  @ApiProperty({ type: [CalendarItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => CalendarItemDto)
  items!: CalendarItemDto[];
}

/** A change to one population; `null` removes an optional date. */
export class CalendarItemChangeDto extends ItemSourceFields {
  @ApiProperty({ enum: POPULATIONS })
  @IsIn(POPULATIONS)
  population!: Population;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  mandatory?: boolean;

  @ApiPropertyOptional({ type: PeriodDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PeriodDto)
  window?: PeriodDto;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_o, value) => value !== undefined && value !== null)
  @IsCalendarDate()
  finalisationDeadline?: string | null;

  @ApiPropertyOptional({ type: PeriodDto, nullable: true })
  @ValidateIf((_o, value) => value !== undefined && value !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => PeriodDto)
  catchUp?: PeriodDto | null;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_o, value) => value !== undefined && value !== null)
  @IsCalendarDate()
  parcoursupTransmissionDate?: string | null;
}

export class AmendCalendarDto extends SourcedDto {
  @ApiProperty({ example: '2021-12-28' })
  @IsCalendarDate()
  amendedOn!: string;

  @ApiPropertyOptional({ description: 'The text that makes the change, when there is one' })
  @IsOptional()
  @IsString()
  textId?: string;

  @ApiProperty({ type: [CalendarItemChangeDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => CalendarItemChangeDto)
  changes!: CalendarItemChangeDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  reason?: string;
}

export class NarrowCalendarDto extends SourcedDto {
  @ApiProperty({ example: '24' })
  @IsAcademieCode()
  academie!: string;

  @ApiProperty({ enum: POPULATIONS })
  @IsIn(POPULATIONS)
  population!: Population;

  @ApiProperty({ description: 'The académie’s circular', example: 'circulaire-creteil-2022-025' })
  @IsString()
  textId!: string;

  @ApiProperty({ example: '2022-02-16' })
  @IsCalendarDate()
  publishedOn!: string;

  @ApiProperty({ type: PeriodDto, description: 'Must lie inside the national window' })
  @IsObject()
  @ValidateNested()
  @Type(() => PeriodDto)
  window!: PeriodDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate()
  finalisationDeadline?: string;
}

export class CalendarErratumDto extends SourcedDto {
  @ApiProperty({ enum: POPULATIONS })
  @IsIn(POPULATIONS)
  population!: Population;

  @ApiProperty({ enum: CALENDAR_ERRATUM_FIELDS })
  @IsIn(CALENDAR_ERRATUM_FIELDS)
  field!: CalendarErratumField;

  @ApiProperty({ example: '2024-04-08' })
  @IsCalendarDate()
  asWritten!: string;

  @ApiProperty({ example: '2025-04-08' })
  @IsCalendarDate()
  corrected!: string;
}
