/** Typed errors of the model layer; routes turn them into 404/403/400 (see web/http.server.ts). */
export class NotFoundError extends Error {
  readonly status = 404;
  constructor(what = "not found") {
    super(what);
    this.name = "NotFoundError";
  }
}

export class ForbiddenError extends Error {
  readonly status = 403;
  constructor(what = "forbidden") {
    super(what);
    this.name = "ForbiddenError";
  }
}

/** A rule of the domain was broken by the input; `field` and `messageKey` say where and why. */
export class DomainValidationError extends Error {
  readonly status = 400;
  constructor(
    readonly field: string,
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${field}: ${messageKey}`);
    this.name = "DomainValidationError";
  }
}

/**
 * A map whose stored state cannot be loaded, or holds what no map may hold. Only that map is
 * affected: the map list, the obstacle list and the other maps keep working, and a facilitator can
 * restore it (restoreDamagedMap).
 */
export class DamagedMapError extends Error {
  readonly status = 409;
  constructor(readonly mapId: number) {
    super(`map ${mapId} is damaged`);
    this.name = "DamagedMapError";
  }
}

/**
 * Someone else changed the record since the person opened it (or it can no longer take this
 * change). `messageKey` says so in words; `current` is what is there now, for the page to show
 * beside what the person wrote. Answered with 409.
 */
export class ConflictError<C = unknown> extends Error {
  readonly status = 409;
  constructor(
    readonly messageKey: string,
    readonly current?: C,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`conflict: ${messageKey}`);
    this.name = "ConflictError";
  }
}
