import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isAcademie, isIsoDate, isKnowledgeTime, isSchoolYear } from '@pix-ledger/domain';

/** class-validator decorators backed by the domain's checks: the HTTP layer and the deciders agree. */
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
        defaultMessage: (args) => `${args?.property} ${problem(args?.value) ?? 'is invalid'}`,
      },
    },
    options,
  );

export const IsCalendarDate = (options?: ValidationOptions) =>
  byDomain(
    'isCalendarDate',
    (v) => (isIsoDate(v) ? undefined : 'must be a calendar date YYYY-MM-DD'),
    options,
  );

export const IsKnowledgeTime = (options?: ValidationOptions) =>
  byDomain(
    'isKnowledgeTime',
    (v) => (isKnowledgeTime(v) ? undefined : 'must be a date YYYY-MM-DD or an ISO 8601 instant'),
    options,
  );

export const IsSchoolYearValue = (options?: ValidationOptions) =>
  byDomain(
    'isSchoolYear',
    (v) => (isSchoolYear(v) ? undefined : 'must be a school year YYYY-(YYYY+1), such as 2024-2025'),
    options,
  );

export const IsAcademieCode = (options?: ValidationOptions) =>
  byDomain(
    'isAcademieCode',
    (v) => (isAcademie(v) ? undefined : 'must be an académie code such as 24 (Créteil)'),
    options,
  );

export const IsRuleValue = (options?: ValidationOptions) =>
  byDomain(
    'isRuleValue',
    (v) =>
      ['number', 'string', 'boolean'].includes(typeof v)
        ? undefined
        : 'must be a number, a text or true/false',
    options,
  );
