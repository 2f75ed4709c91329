export enum ProcessRole {
  Api = 'api',
  Worker = 'worker',
  ApiAndWorker = 'api+worker',
  Cli = 'cli',
}

/** What this process is for; decides whether job handlers run here. Doubles as the injection token. */
export abstract class RuntimeInfo {
  abstract readonly role: ProcessRole;
  abstract readonly runsJobHandlers: boolean;
}
