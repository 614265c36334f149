// Bundles the bpmn-js modeler and viewer into ../static/build/ for Flask to serve (no CDN at run time).
// Run by `make` (npm ci && npm run build) when the bundle is missing or older than its sources.
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: {
    modeler: 'src/modeler.js',
    viewer: 'src/viewer.js',
    bpmn: 'src/bpmn.css',
  },
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2019'],
  outdir: '../static/build',
  loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.eot': 'dataurl', '.svg': 'dataurl' },
  legalComments: 'external',
  logLevel: 'warning',
});
