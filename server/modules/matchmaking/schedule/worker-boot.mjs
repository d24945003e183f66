// Worker entry: registers tsx's TypeScript loader in this thread (a worker does not inherit the
// loader the server was started with), then runs worker.ts.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
