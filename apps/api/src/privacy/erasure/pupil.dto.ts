import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsIne } from '../../certification/shared/validators';

export class PupilRefParam {
  @ApiProperty({ description: "The pupil's registry reference (pupilRef, a UUID)" })
  @IsUUID('all', { message: 'pupilRef: must be a pupil reference (a UUID)' })
  pupilRef!: string;
}

export class ErasureDto {
  @ApiPropertyOptional({
    description: 'Why, e.g. the reference of the request; never personal data',
    maxLength: 500,
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class PupilLookupDto {
  @ApiProperty({ example: '123456789AB' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @IsIne()
  ine!: string;
}
