// Entry module of the Colab replica (served at /__replica/replica.js by serve.mjs). Like real Colab,
// the UI and window.colab appear only after a boot delay (the `boot:<ms>` flag, default 1000 ms).
// See README.md in this folder for what is replicated and from which evidence.
import { boot } from './replica-app.js';

void boot();
