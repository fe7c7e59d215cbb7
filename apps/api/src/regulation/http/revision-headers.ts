import { BadRequestException } from '@nestjs/common';
import type { ExpectedRevision } from '@pix-ledger/event-store';
import type { Response } from 'express';

/** `If-Match: "3"` (or 3, W/"3") -> 3, the stream revision the caller last saw; `*` -> the stream must exist. */
export function expectedRevisionFrom(ifMatch: string | undefined): ExpectedRevision | undefined {
  if (ifMatch === undefined || ifMatch.trim() === '') return undefined;
  if (ifMatch.trim() === '*') return 'exists';
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
  if (!match) throw new BadRequestException(['If-Match must be a stream revision, e.g. "3"']);
  return Number(match[1]);
}

export function idempotencyKeyFrom(header: string | undefined): string | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  if (header.length > 200)
    throw new BadRequestException(['Idempotency-Key must be at most 200 characters']);
  return header.trim();
}

export function setETag(res: Response, revision: number): void {
  res.setHeader('ETag', `"${revision}"`);
}
