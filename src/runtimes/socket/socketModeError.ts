// Why the Socket Mode client stopped or could not connect. `fatal` errors (a wrong or revoked
// token, link_disabled) stop it for good: retrying cannot fix them.

export class SocketModeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fatal: boolean,
  ) {
    super(message);
    this.name = "SocketModeError";
  }
}
