import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CONFIDENCES, type Confidence, SEED_KEYS, type SeedKey } from '@pix-ledger/domain';
import { IsCalendarDate } from './validators';

/** Pieces shared by the regulation command bodies. */
export class SourceDto {
  @ApiProperty({
    description: 'Readable reference: BO/JO, seed, pull request…',
    example: 'BO n°43 du 14/11/2024',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reference!: string;

  @ApiPropertyOptional({ enum: SEED_KEYS, description: 'Seed file in shared/seeds' })
  @IsOptional()
  @IsIn(SEED_KEYS)
  seed?: SeedKey;

  @ApiPropertyOptional({ example: 'https://www.education.gouv.fr/bo/2024/Hebdo43/MENE2421869N' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  url?: string;
}

export class PeriodDto {
  @ApiProperty({ example: '2024-11-07' })
  @IsCalendarDate()
  start!: string;

  @ApiProperty({ example: '2025-03-07' })
  @IsCalendarDate()
  end!: string;
}

/** Every fact names its source and how sure it is. */
export class SourcedDto {
  @ApiProperty({ type: SourceDto })
  @IsObject()
  @ValidateNested()
  @Type(() => SourceDto)
  source!: SourceDto;

  @ApiProperty({
    enum: CONFIDENCES,
    description: 'C confirmed, P probable, U uncertain, D derived (DOMAIN.md §0)',
  })
  @IsIn(CONFIDENCES)
  confidence!: Confidence;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
