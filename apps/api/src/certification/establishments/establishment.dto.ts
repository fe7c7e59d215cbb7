import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import {
  ESTABLISHMENT_SECTORS,
  ESTABLISHMENT_TYPES,
  type EstablishmentSector,
  type EstablishmentType,
} from '@pix-ledger/domain';
import { IsAcademie, IsCalendarDate, IsUai } from '../shared/validators';

const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

export class UaiParam {
  @ApiProperty({ example: '0510001Z', description: 'UAI: 7 digits and the check letter' })
  @Transform(upper)
  @IsUai()
  uai!: string;
}

export class RegisterEstablishmentDto {
  @ApiProperty({
    example: '0510001Z',
    description: 'UAI: 7 digits and the check letter (DOMAIN.md §5.1)',
  })
  @Transform(upper)
  @IsUai()
  uai!: string;

  @ApiProperty({ example: 'Collège Université' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name!: string;

  @ApiProperty({ enum: ESTABLISHMENT_TYPES })
  @IsIn(ESTABLISHMENT_TYPES)
  type!: EstablishmentType;

  @ApiProperty({ enum: ESTABLISHMENT_SECTORS })
  @IsIn(ESTABLISHMENT_SECTORS)
  sector!: EstablishmentSector;

  @ApiProperty({ example: '19', description: 'Académie code (DOMAIN.md §5.3)' })
  @IsAcademie()
  academie!: string;

  @ApiPropertyOptional({
    example: '2020-01-01',
    description: 'First day of the membership; absent = since the académie exists',
  })
  @IsOptional()
  @IsCalendarDate()
  academieSince?: string;
}

export class ChangeAcademieDto {
  @ApiProperty({ example: '70' })
  @IsAcademie()
  academie!: string;

  @ApiProperty({ example: '2020-01-01', description: 'First day in the new académie' })
  @IsCalendarDate()
  since!: string;
}

export class RenameEstablishmentDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name!: string;
}
