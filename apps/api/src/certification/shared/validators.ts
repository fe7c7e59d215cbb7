import { ValidateBy, type ValidationOptions } from 'class-validator';
import {
  academieProblem,
  ineProblem,
  isIsoDate,
  isSchoolYear,
  uaiProblem,
} from '@pix-ledger/domain';

/** class-validator decorators backed by the domain's own checks, so HTTP and domain agree. */
const byDomain = (
  name: string,
  problem: (value: unknown) => string | undefined,
  options?: ValidationOptions,
) =>
  ValidateBy(
    {
      name,
      validator: {
        validate: (value) => problem(value) === undefined,
        defaultMessage: (args) => `${args?.property}: ${problem(args?.value) ?? 'is invalid'}`,
      },
    },
    options,
  );

export const IsUai = (options?: ValidationOptions) => byDomain('isUai', uaiProblem, options);
export const IsIne = (options?: ValidationOptions) => byDomain('isIne', ineProblem, options);
export const IsAcademie = (options?: ValidationOptions) =>
  byDomain('isAcademie', (v) => academieProblem(v), options);
export const IsCalendarDate = (options?: ValidationOptions) =>
  byDomain(
    'isCalendarDate',
    (v) => (isIsoDate(v) ? undefined : 'must be a calendar date YYYY-MM-DD'),
    options,
  );
export const IsSchoolYear = (options?: ValidationOptions) =>
  byDomain(
    'isSchoolYear',
    (v) => (isSchoolYear(v) ? undefined : 'must be a school year like 2024-2025'),
    options,
  );

/** Ids that go into stream names and URLs: letters, digits, underscores. */
export const EXTERNAL_ID = /^[A-Za-z0-9][A-Za-z0-9_]{0,63}$/;
export const EXTERNAL_ID_MESSAGE = (property: string) =>
  `${property}: must be 1 to 64 letters, digits or underscores`;
