// Copies a `nianbao` binary into server/ so that `vsce package --target <platform>`
// ships it inside the VSIX (the extension prefers it to `nianbao` on PATH).
// Source: $NIANBAO_BIN, else ../../target/release/nianbao, else ../../target/debug/nianbao.
import { copyFileSync, chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const exe = process.platform === 'win32' ? 'nianbao.exe' : 'nianbao';
const candidates = [process.env.NIANBAO_BIN, join(here, '../../target/release', exe), join(here, '../../target/debug', exe)].filter(Boolean);
const src = candidates.find((p) => existsSync(p));
if (!src) {
  console.error(`no nianbao binary found (tried ${candidates.join(', ')}); run cargo build --release first`);
  process.exit(1);
}
mkdirSync(join(here, 'server'), { recursive: true });
const dst = join(here, 'server', exe);
copyFileSync(src, dst);
chmodSync(dst, 0o755);
console.log(`bundled ${src} -> ${dst}`);
