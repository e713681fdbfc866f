/** Fixture (not a test): writes the WAV of the token hash given in hex as argv[2] to the file argv[3]. */
import { writeFileSync } from 'node:fs';
import { hexToBytes } from '../../src/encoding/hex.js';
import { renderWav } from '../../src/nft/music.js';

writeFileSync(process.argv[3], renderWav(hexToBytes(process.argv[2])));
