// Worker-thread entry for the patent import: registers the TypeScript loader (the server runs under
// tsx) and loads the worker body, which normalises batches of source records and turns them into COPY text.
import { register } from 'tsx/esm/api';

register();
await import('./patent-import.worker-body.ts');
