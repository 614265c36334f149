// Bundles the bpmn-js modeler and viewer into ../static/build/ for Flask to serve (no CDN at run time).
// Run by `make` (npm ci && npm run build) when the bundle is missing or older than its sources.
import * as esbuild from 'esbuild';
import path from 'node:path';

// Every import of min-dom goes through src/csp-dom.js (inline styles kept within the page's policy).
const cspSafeDom = {
  name: 'csp-safe-dom',
  setup(build) {
    const wrapper = path.resolve('src/csp-dom.js');
    build.onResolve({ filter: /^min-dom$/ }, (args) => (args.importer === wrapper ? undefined : { path: wrapper }));
  },
};

await esbuild.build({
  entryPoints: {
    modeler: 'src/modeler.js',
    viewer: 'src/viewer.js',
    bpmn: 'src/bpmn.css',
    panel: 'src/panel.css',
  },
  bundle: true,
  minify: process.env.DANCHU_DEBUG_BUILD !== '1',
  format: 'iife',
  target: ['es2019'],
  outdir: '../static/build',
  loader: { '.json': 'json', '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.eot': 'dataurl', '.svg': 'dataurl' },
  jsx: 'automatic',
  jsxImportSource: '@bpmn-io/properties-panel/preact',
  legalComments: 'external',
  logLevel: 'warning',
  plugins: [cspSafeDom],
});
