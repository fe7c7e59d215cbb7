import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import type { EventFilter } from '@pix-ledger/event-store';

const list = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : value;

/** The filters shared by the SSE feed and its JSON pages. */
export class FeedFilterQuery {
  @ApiPropertyOptional({
    description: 'Comma-separated stream categories',
    example: 'regulationText',
  })
  @IsOptional()
  @Transform(list)
  @Matches(/^[A-Za-z][A-Za-z0-9]*$/, {
    each: true,
    message: 'categories must be stream categories',
  })
  categories?: string[];

  @ApiPropertyOptional({ description: "Comma-separated event types (the log's type names)" })
  @IsOptional()
  @Transform(list)
  @IsString({ each: true })
  types?: string[];

  @ApiPropertyOptional({ description: 'School year(s), comma-separated', example: '2024-2025' })
  @IsOptional()
  @Transform(list)
  @Matches(/^\d{4}-\d{4}$/, { each: true, message: 'schoolYear must look like 2024-2025' })
  schoolYear?: string[];
}

export class FeedQuery extends FeedFilterQuery {
  @ApiPropertyOptional({
    description:
      'First global position to send (inclusive); 0 or 1 = from the beginning. Without it (and ' +
      'without Last-Event-ID) only events appended from now on are sent.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  from?: number;
}

export class FeedPageQuery extends FeedFilterQuery {
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
}

export function eventFilterOf(query: FeedFilterQuery): EventFilter {
  return {
    categories: nonEmpty(query.categories),
    eventTypes: nonEmpty(query.types),
    schoolYears: nonEmpty(query.schoolYear),
  };
}

/** `categories=` (empty) means no filter, not "match nothing". */
export const nonEmpty = <T>(values: T[] | undefined): T[] | undefined =>
  values?.length ? values : undefined;
