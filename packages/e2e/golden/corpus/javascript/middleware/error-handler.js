/**
 * Central error handling for the Express app.
 *
 * Route handlers throw HttpError (or any Error); asyncHandler forwards rejected
 * promises to next(); errorHandler turns everything into one JSON shape and
 * hides internal details of unexpected errors from clients.
 */
export class HttpError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  static badRequest(message, details) {
    return new HttpError(400, 'bad_request', message, details);
  }

  static notFound(what) {
    return new HttpError(404, 'not_found', `${what} not found`);
  }

  static conflict(message) {
    return new HttpError(409, 'conflict', message);
  }
}

export const asyncHandler = (handler) => (req, res, next) => {
  Promise.resolve(handler(req, res, next)).catch(next);
};

export function notFoundHandler(req, res, next) {
  next(HttpError.notFound(`route ${req.method} ${req.path}`));
}

// Express recognises an error handler by its four parameters.
// eslint-disable-next-line no-unused-vars
export function errorHandler(err, req, res, next) {
  const isHttpError = err instanceof HttpError;
  const status = isHttpError ? err.status : err.type === 'entity.parse.failed' ? 400 : 500;
  if (status >= 500) {
    req.log?.error({ err, requestId: req.id }, 'unhandled error');
  }
  res.status(status).json({
    error: {
      code: isHttpError ? err.code : status === 400 ? 'invalid_json' : 'internal_error',
      message: status >= 500 ? 'Something went wrong. Please try again later.' : err.message,
      details: isHttpError ? err.details : undefined,
      requestId: req.id,
    },
  });
}
