import { BadRequestException } from '@nestjs/common';
import type { Response } from 'express';

/** `If-Match: "3"` (or 3) -> 3: the stream revision the caller last saw (409 if it moved). */
export function expectedRevisionFrom(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined || ifMatch.trim() === '') return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
  if (!match) throw new BadRequestException(['If-Match must be a stream revision, e.g. "3"']);
  return Number(match[1]);
}

export function setETag(res: Response, revision: number): void {
  res.setHeader('ETag', `"${revision}"`);
}
