import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { CommandRejected } from '@pix-ledger/domain';
import {
  EventIdConflictError,
  InvalidStreamNameError,
  WrongExpectedRevisionError,
} from '@pix-ledger/event-store';

const STATUS_BY_KIND = {
  invalid: HttpStatus.BAD_REQUEST,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
} as const;

/** Domain and store errors become HTTP answers that say what was wrong, and where. */
@Catch(CommandRejected, WrongExpectedRevisionError, EventIdConflictError, InvalidStreamNameError)
export class DomainErrorsFilter implements ExceptionFilter {
  catch(error: Error, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof CommandRejected) {
      const status = STATUS_BY_KIND[error.kind];
      response.status(status).json({
        statusCode: status,
        error: error.kind,
        message: [error.message],
        ...(error.field ? { field: error.field } : {}),
      });
    } else if (error instanceof WrongExpectedRevisionError) {
      response.status(HttpStatus.CONFLICT).json({
        statusCode: HttpStatus.CONFLICT,
        error: 'wrong_expected_revision',
        message: [error.message],
        expectedRevision: error.expected,
        actualRevision: error.actual,
      });
    } else if (error instanceof EventIdConflictError) {
      response.status(HttpStatus.CONFLICT).json({
        statusCode: HttpStatus.CONFLICT,
        error: 'idempotency_conflict',
        message: [error.message],
      });
    } else {
      response.status(HttpStatus.BAD_REQUEST).json({
        statusCode: HttpStatus.BAD_REQUEST,
        error: 'invalid_stream',
        message: [error.message],
      });
    }
  }
}
