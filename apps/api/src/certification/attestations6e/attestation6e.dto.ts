import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IdentityDto } from '../sessions/session.dto';
import {
  EXTERNAL_ID,
  EXTERNAL_ID_MESSAGE,
  IsCalendarDate,
  IsIne,
  IsSchoolYear,
  IsUai,
} from '../shared/validators';

const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

export class Attestation6eParams {
  @ApiProperty({ example: '0510001Z' })
  @Transform(upper)
  @IsUai()
  uai!: string;

  @ApiProperty({ example: '2024-2025' })
  @IsSchoolYear()
  schoolYear!: string;
}

export class OpenCampaignDto {
  @ApiProperty({ example: 'PROT6E24', description: 'Pix Orga campaign code' })
  @Matches(EXTERNAL_ID, { message: ({ property }) => EXTERNAL_ID_MESSAGE(property) })
  campaignCode!: string;

  @ApiProperty({ example: 'Parcours 6e Protection et sécurité' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  parcours!: string;

  @ApiProperty({ example: '2024-10-01' })
  @IsCalendarDate()
  openedOn!: string;
}

export class ParcoursCompletedDto {
  @ApiProperty()
  @Matches(EXTERNAL_ID, { message: ({ property }) => EXTERNAL_ID_MESSAGE(property) })
  campaignCode!: string;

  @ApiProperty({ description: 'Opaque pupil id (e.g. the Pix Orga learner id)' })
  @Matches(EXTERNAL_ID, { message: ({ property }) => EXTERNAL_ID_MESSAGE(property) })
  pupilId!: string;

  @ApiProperty({ example: '123456789AB' })
  @Transform(upper)
  @IsIne()
  ine!: string;

  @ApiProperty({ type: IdentityDto })
  @IsObject()
  @ValidateNested()
  @Type(() => IdentityDto)
  identity!: IdentityDto;

  @ApiProperty({ example: '2024-11-05' })
  @IsCalendarDate()
  completedOn!: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'Percentage reached' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  score?: number;
}

export class Attestation6eOutcomeDto {
  @ApiProperty()
  @Matches(EXTERNAL_ID, { message: ({ property }) => EXTERNAL_ID_MESSAGE(property) })
  pupilId!: string;

  @ApiProperty()
  @IsBoolean()
  obtained!: boolean;

  @ApiProperty({ description: 'Campaign whose parcours decided it' })
  @Matches(EXTERNAL_ID, { message: ({ property }) => EXTERNAL_ID_MESSAGE(property) })
  campaignCode!: string;

  @ApiProperty({ example: '2024-11-06' })
  @IsCalendarDate()
  decidedOn!: string;
}
