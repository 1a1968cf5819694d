// Svelte compiler options for the Varde UI (read by vite-plugin-svelte and svelte-check).
export default {
  compilerOptions: {
    runes: true,
  },
};
