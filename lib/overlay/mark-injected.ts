/**
 * Imported first by the Manage apps content script: marks on the page's timeline the moment the
 * browser began running the script, before any of its modules is evaluated, so that benchmarks
 * can tell the script's own start-up from the overlay's work (the mark holds no data).
 */
performance.mark('token-lens:injected');
