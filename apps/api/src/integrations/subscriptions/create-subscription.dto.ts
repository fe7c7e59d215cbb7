import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class SubscriptionFilterDto {
  @ApiPropertyOptional({ type: [String], example: ['regulationText'] })
  @IsOptional()
  @IsArray()
  @Matches(/^[A-Za-z][A-Za-z0-9]*$/, {
    each: true,
    message: 'categories must contain stream categories (letters and digits, no "-")',
  })
  categories?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Event types, as in the log' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  types?: string[];

  @ApiPropertyOptional({ type: [String], example: ['2024-2025'] })
  @IsOptional()
  @IsArray()
  @Matches(/^\d{4}-\d{4}$/, {
    each: true,
    message: 'schoolYears must contain school years like 2024-2025',
  })
  schoolYears?: string[];
}

export class CreateSubscriptionDto {
  @ApiProperty({ example: 'https://entrepot.ac-lyon.fr/hooks/pix-ledger' })
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'url must be an http(s) URL' },
  )
  url!: string;

  @ApiProperty({
    description: 'Shared secret for the HMAC signature (16 to 256 characters); never shown again',
    minLength: 16,
  })
  @IsString()
  @MinLength(16)
  @MaxLength(256)
  secret!: string;

  @ApiPropertyOptional({ type: SubscriptionFilterDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SubscriptionFilterDto)
  filter?: SubscriptionFilterDto;

  @ApiPropertyOptional({
    description:
      'First global position to deliver (inclusive); default: events appended from now on',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  fromPosition?: number;

  @ApiPropertyOptional({
    description: 'Failed attempts before an event is dead-lettered',
    maximum: 50,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  maxAttempts?: number;
}

export class ReplayDto {
  @ApiProperty({ description: 'First global position to deliver again (inclusive)' })
  @IsInt()
  @Min(1)
  fromPosition!: number;
}
