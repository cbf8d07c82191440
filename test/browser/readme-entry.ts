// Runs one of the README's usage examples (served by readme-example.ts; `?example=tfjs`, default 'core') and
// reports when it has finished.
export {};
declare global {
  interface Window {
    readmeExample?: { done: boolean; error?: string };
  }
}

const name = new URLSearchParams(location.search).get('example') ?? 'core';
// Vite serves a virtual module at /@id/__x00__<id>; the typechecker does not follow this path.
const exampleId = `/@id/__x00__virtual:readme-example-${name}.ts`;
try {
  await import(/* @vite-ignore */ exampleId);
  window.readmeExample = { done: true };
} catch (error) {
  window.readmeExample = { done: true, error: String(error) };
}
