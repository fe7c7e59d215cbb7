import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

const list = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : value;

export class EventLogQuery {
  @ApiPropertyOptional({ description: 'First global position to return (inclusive)', default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  from?: number;

  @ApiPropertyOptional({ description: 'Events per page', default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({
    description: 'Comma-separated stream categories',
    example: 'regulationText,yearCalendar',
  })
  @IsOptional()
  @Transform(list)
  @IsString({ each: true })
  categories?: string[];

  @ApiPropertyOptional({ description: 'Comma-separated event types' })
  @IsOptional()
  @Transform(list)
  @IsString({ each: true })
  types?: string[];

  @ApiPropertyOptional({ description: 'School year, YYYY-YYYY', example: '2024-2025' })
  @IsOptional()
  @Matches(/^\d{4}-\d{4}$/, { message: 'schoolYear must look like 2024-2025' })
  schoolYear?: string;
}

export class StreamQuery {
  @ApiPropertyOptional({ description: 'First revision to return', default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  fromRevision?: number;

  @ApiPropertyOptional({ default: 1000, maximum: 10000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  maxCount?: number;

  @ApiPropertyOptional({ enum: ['forwards', 'backwards'], default: 'forwards' })
  @IsOptional()
  @IsIn(['forwards', 'backwards'])
  direction?: 'forwards' | 'backwards';
}
