// Worker-thread entry for the patent import: registers the TypeScript loader (the server runs under
// tsx) and loads the worker body, which turns batches of records into COPY text.
import { register } from 'tsx/esm/api';

register();
await import('./patent-import.worker-body.ts');
