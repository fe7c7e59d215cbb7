import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsSchoolYear } from '../certification/shared/validators';

export class RebuildRequestDto {
  @ApiPropertyOptional({
    description: 'Rebuild only this school year; absent: every year',
    example: '2024-2025',
  })
  @IsOptional()
  @IsSchoolYear()
  schoolYear?: string;
}
