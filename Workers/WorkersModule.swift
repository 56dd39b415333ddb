// The Workers module: see Workers/README.md once written. (Placeholder so the target builds.)
