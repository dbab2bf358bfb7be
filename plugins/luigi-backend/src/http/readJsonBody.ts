import { CustomErrorBase, InputError } from '@backstage/errors';
import express, { Request, Response } from 'express';

/**
 * A request body larger than the route takes (413).
 * @public
 */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  /** Read by Backstage's error middleware for the status of the answer. */
  statusCode = 413;
}

/** What a JSON body parser of express calls next with when it fails. */
interface BodyParserError {
  type?: string;
}

/**
 * Reads a request's JSON body, of at most `limit` bytes, inside the route (not as a middleware
 * before it), so that a body that cannot be read is refused, and recorded, like any other refusal
 * of the route. Throws an InputError (400) for a body that is not JSON (or not in a charset or
 * encoding it reads) and a {@link PayloadTooLargeError} (413) for one over the limit: both with a
 * message of ours, never the parser's (which quotes the body). A request whose content type is not
 * JSON reads as `{}`.
 * @param limit - the most bytes the body may have, e.g. `64 * 1024`
 */
export function jsonBodyReader(limit: number): (req: Request, res: Response) => Promise<unknown> {
  return bodyReader(express.json({ limit }), limit, 'The request body is not valid JSON');
}

/**
 * Reads a request's text body (of the content types given, e.g. YAML) like {@link jsonBodyReader}:
 * within `limit` bytes, inside the route. A request of another content type reads as `{}`.
 */
export function textBodyReader(limit: number, types: string[]): (req: Request, res: Response) => Promise<unknown> {
  return bodyReader(express.text({ limit, type: types }), limit, 'The request body is not readable text');
}

function bodyReader(
  parse: express.RequestHandler,
  limit: number,
  unreadable: string,
): (req: Request, res: Response) => Promise<unknown> {
  return (req, res) =>
    new Promise((resolve, reject) => {
      parse(req, res, (error?: unknown) => {
        if (error === undefined || error === null) resolve(req.body);
        else if ((error as BodyParserError).type === 'entity.too.large') {
          reject(new PayloadTooLargeError(`The request body is larger than ${limit} bytes`));
        } else reject(new InputError(unreadable));
      });
    });
}
