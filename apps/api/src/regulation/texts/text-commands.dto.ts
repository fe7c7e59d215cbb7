import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  CONFIDENCES,
  type Confidence,
  POPULATIONS,
  type Population,
  TEXT_ERRATUM_FIELDS,
  TEXT_ID,
  TEXT_KINDS,
  type TextErratumField,
  type TextKind,
} from '@pix-ledger/domain';
import { SourceDto, SourcedDto } from '../http/shared.dto';
import { IsAcademieCode, IsCalendarDate, IsRuleValue } from '../http/validators';

export class TextScopeDto {
  @ApiProperty({ enum: ['national', 'academie'] })
  @IsIn(['national', 'academie'])
  level!: 'national' | 'academie';

  @ApiPropertyOptional({ description: 'Académie code, for a circulaire académique', example: '24' })
  @ValidateIf((scope: TextScopeDto) => scope.level === 'academie')
  @IsAcademieCode()
  academie?: string;
}

export class RuleEnactmentDto {
  @ApiProperty({
    description: 'A key of the rule catalogue (GET /rule-catalogue)',
    example: 'certification.validityYears',
  })
  @IsString()
  key!: string;

  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'string' }, { type: 'boolean' }], example: 3 })
  @IsRuleValue()
  value!: number | string | boolean;

  @ApiPropertyOptional({ enum: POPULATIONS, description: 'For rules set per population' })
  @IsOptional()
  @IsIn(POPULATIONS)
  population?: Population;

  @ApiPropertyOptional({ description: 'Default: the text’s inForceFrom', example: '2024-09-01' })
  @IsOptional()
  @IsCalendarDate()
  inForceFrom?: string;

  @ApiPropertyOptional({ description: 'Exclusive: the first day the rule no longer applies' })
  @IsOptional()
  @IsCalendarDate()
  inForceUntil?: string;

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

export class PublishTextDto extends SourcedDto {
  @ApiProperty({
    description: 'Lowercase slug, also the stream id',
    example: 'note-de-service-2024-10-23',
  })
  @Matches(TEXT_ID, {
    message: 'textId must be a lowercase slug (a-z, 0-9, "-"), 2 to 80 characters',
  })
  textId!: string;

  @ApiProperty({ enum: TEXT_KINDS })
  @IsIn(TEXT_KINDS)
  kind!: TextKind;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  title!: string;

  @ApiPropertyOptional({ example: '2024-10-23' })
  @IsOptional()
  @IsCalendarDate()
  signedOn?: string;

  @ApiPropertyOptional({ example: '2024-11-14' })
  @IsOptional()
  @IsCalendarDate()
  publishedOn?: string;

  @ApiPropertyOptional({ description: 'Where: JO/BO and number', example: 'BO n°43 du 14/11/2024' })
  @IsOptional()
  @IsString()
  publishedIn?: string;

  @ApiPropertyOptional({ example: 'MENE2421869N' })
  @IsOptional()
  @IsString()
  nor?: string;

  @ApiProperty({ example: 'MEN-DGESCO A1-2-DNE' })
  @IsString()
  @IsNotEmpty()
  issuer!: string;

  @ApiProperty({ type: TextScopeDto })
  @IsObject()
  @ValidateNested()
  @Type(() => TextScopeDto)
  scope!: TextScopeDto;

  @ApiProperty({ example: '2024-11-14' })
  @IsCalendarDate()
  inForceFrom!: string;

  @ApiProperty({ type: [RuleEnactmentDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RuleEnactmentDto)
  rules!: RuleEnactmentDto[];
}

export class RuleChangeDto {
  @ApiProperty({ enum: ['set', 'remove'] })
  @IsIn(['set', 'remove'])
  op!: 'set' | 'remove';

  @ApiPropertyOptional({
    type: RuleEnactmentDto,
    description: 'For "set": the new value, with its inForceFrom',
  })
  @ValidateIf((change: RuleChangeDto) => change.op === 'set')
  @IsObject()
  @ValidateNested()
  @Type(() => RuleEnactmentDto)
  rule?: RuleEnactmentDto;

  @ApiPropertyOptional({ description: 'For "remove": the rule key' })
  @ValidateIf((change: RuleChangeDto) => change.op === 'remove')
  @IsString()
  key?: string;

  @ApiPropertyOptional({ enum: POPULATIONS })
  @IsOptional()
  @IsIn(POPULATIONS)
  population?: Population;

  @ApiPropertyOptional({ description: 'For "remove": from when' })
  @ValidateIf((change: RuleChangeDto) => change.op === 'remove')
  @IsCalendarDate()
  inForceFrom?: string;
}

export class AmendTextDto extends SourcedDto {
  @ApiProperty({ example: '2022-06-14' })
  @IsCalendarDate()
  amendedOn!: string;

  @ApiPropertyOptional({ description: 'The text that makes the amendment, when there is one' })
  @IsOptional()
  @IsString()
  amendingTextId?: string;

  @ApiProperty({ type: [RuleChangeDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => RuleChangeDto)
  changes!: RuleChangeDto[];
}

export class AbrogateTextDto extends SourcedDto {
  @ApiProperty({ example: 'note-de-service-2024-10-23' })
  @IsString()
  @IsNotEmpty()
  byTextId!: string;

  @ApiProperty({
    description: 'First day the text (or the listed rules) no longer applies',
    example: '2024-11-14',
  })
  @IsCalendarDate()
  from!: string;

  @ApiPropertyOptional({ type: [String], description: 'Partial abrogation: only these rule keys' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  ruleKeys?: string[];
}

export class TextErratumDto extends SourcedDto {
  @ApiProperty({ enum: TEXT_ERRATUM_FIELDS })
  @IsIn(TEXT_ERRATUM_FIELDS)
  field!: TextErratumField;

  @ApiProperty({ description: 'The value as the source wrote it (and as recorded)' })
  @IsString()
  asWritten!: string;

  @ApiProperty()
  @IsString()
  corrected!: string;
}
