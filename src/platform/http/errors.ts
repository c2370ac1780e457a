export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Used for records the caller may not see as well as ones that do not exist: the two look alike. */
export class NotFoundError extends HttpError {
  constructor(what = 'page') {
    super(404, `No ${what} here`);
  }
}

export class GoneError extends HttpError {
  constructor(message = 'This link is no longer valid') {
    super(410, message);
  }
}

/** Too many requests are already waiting: this one is turned away at once rather than queued. */
export class ServiceBusyError extends HttpError {
  constructor() {
    super(503, 'Too many requests in progress');
    this.name = 'ServiceBusyError';
  }
}

/** Seconds a client is asked to wait before trying again when the service cannot answer now. */
export const RETRY_AFTER_SECONDS = 5;

export interface ErrorPage {
  title: string;
  paragraphs: string[];
}

export const BUSY_PAGE: ErrorPage = {
  title: 'Sorry, the service is busy',
  paragraphs: ['Linkway has more requests than it can answer at the moment. Try again in a few seconds.'],
};

export const ERROR_PAGES: Record<number, ErrorPage> = {
  400: {
    title: 'Sorry, there is a problem with that request',
    paragraphs: ['Something in the request did not make sense. Go back, check what you entered and try again.'],
  },
  403: {
    title: 'Your form has expired',
    paragraphs: [
      'For your security, forms stop working after a while or when you sign in again in another tab.',
      'Go back, refresh the page and submit it again. What you typed may need re-entering.',
    ],
  },
  404: {
    title: 'Page not found',
    paragraphs: ['If you typed the web address, check it is correct.', 'If you pasted the web address, check you copied the entire address.'],
  },
  410: {
    title: 'This link has expired',
    paragraphs: ['The link you followed is no longer valid. Ask the person who sent it for a new one.'],
  },
  413: {
    title: 'What you sent was too large',
    paragraphs: ['Go back and shorten what you entered, then try again.'],
  },
  429: {
    title: 'Too many attempts',
    paragraphs: ['You have tried this too many times in a short time. Wait a few minutes, then try again.'],
  },
  500: {
    title: 'Sorry, there is a problem with the service',
    paragraphs: ['Try again later. Nothing you entered has been lost if you go back.', 'If the problem continues, contact your scheme administrator.'],
  },
  503: {
    title: 'Sorry, the service is unavailable',
    paragraphs: ['Linkway cannot reach its database at the moment. Try again in a few minutes.'],
  },
};
