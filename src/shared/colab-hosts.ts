/**
 * Colab's two hosts (colab-dom.md §3; colab-dom-2026H2.md row 28, "both hosts"). They sit in
 * src/shared, below src/colab, because the message contract checks senders' origins against them;
 * the manifest's matches list the same two (test/unit/manifest.test.ts keeps them equal).
 */
export const COLAB_HOSTS: readonly string[] = ['colab.research.google.com', 'colab.google.com'];
