/*
 * Coinworks proof-of-work kernel: a midstate SHA-256d nonce scan over Bitcoin's 80-byte header,
 * exposed to Node.js through Node-API (plain C, node_api.h).
 *
 * SHA-256 is FIPS 180-4. The header is two 64-byte blocks: the first (bytes 0..63) never changes
 * while the nonce does, so it is compressed once per call (the "midstate"); for every nonce only
 * the second block (bytes 64..79 + padding, length 640 bits) and the second SHA-256 (32 bytes +
 * padding, length 256 bits) are computed. The hash is read as a little-endian 256-bit integer and
 * is valid when <= target (Bitcoin's CheckProofOfWork rule).
 *
 * Two paths: x86 SHA extensions (SHA-NI, two nonces interleaved to hide instruction latency), used
 * when the CPU reports them at run time, and portable scalar C. Both filter candidates on the top
 * 32 bits of the hash and then confirm every candidate with a full, independent SHA-256d of the
 * header, so the answer is exact.
 *
 * Exports: scan(header80, target32LE, startNonce, count) -> { found, nonce, hashes }
 *          scanScalar(...) (same, always the scalar path), impl ('sha-ni' | 'scalar').
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <stdint.h>
#include <string.h>

#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#define CW_X86 1
#include <immintrin.h>
#endif

/* FIPS 180-4 section 4.2.2: round constants. */
static const uint32_t K[64] __attribute__((aligned(16))) = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

/* FIPS 180-4 section 5.3.3: initial hash value. */
static const uint32_t IV[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                               0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

/* Padding words (FIPS 180-4 section 5.1.1): block 2 of the header is 16 message bytes, then 0x80,
 * then the 64-bit bit length 640; the second hash's block is 32 bytes, 0x80, bit length 256. */
#define PAD_BIT 0x80000000u
#define HDR_BITS 640u
#define HASH_BITS 256u

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
#define CH(e, f, g) ((g) ^ ((e) & ((f) ^ (g))))
#define MAJ(a, b, c) (((a) & (b)) | ((c) & ((a) | (b))))
#define BSIG0(a) (ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22))
#define BSIG1(e) (ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25))
#define SSIG0(x) (ROTR(x, 7) ^ ROTR(x, 18) ^ ((x) >> 3))
#define SSIG1(x) (ROTR(x, 17) ^ ROTR(x, 19) ^ ((x) >> 10))

static inline uint32_t be32(const uint8_t *p) {
  return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

static inline uint32_t bswap32(uint32_t x) { return __builtin_bswap32(x); }

/* ------------------------------------------------------------------------------------------------
 * Scalar SHA-256 (FIPS 180-4 section 6.2.2).
 * ---------------------------------------------------------------------------------------------- */

/* Message schedule: w[16..63] from w[0..15] (section 6.2.2 step 1). */
static inline void expand(uint32_t w[64]) {
  for (int t = 16; t < 64; t++) w[t] = SSIG1(w[t - 2]) + w[t - 7] + SSIG0(w[t - 15]) + w[t - 16];
}

/* Rounds [from, to) on working variables v[0..7] = a..h (section 6.2.2 steps 2-3). */
static inline void rounds(uint32_t v[8], const uint32_t w[64], int from, int to) {
  uint32_t a = v[0], b = v[1], c = v[2], d = v[3], e = v[4], f = v[5], g = v[6], h = v[7];
  for (int t = from; t < to; t++) {
    uint32_t t1 = h + BSIG1(e) + CH(e, f, g) + K[t] + w[t];
    uint32_t t2 = BSIG0(a) + MAJ(a, b, c);
    h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
  }
  v[0] = a; v[1] = b; v[2] = c; v[3] = d; v[4] = e; v[5] = f; v[6] = g; v[7] = h;
}

/* One full compression of a 16-word block into st (section 6.2.2 step 4). */
static void compress(uint32_t st[8], const uint32_t block[16]) {
  uint32_t w[64], v[8];
  memcpy(w, block, 64);
  expand(w);
  memcpy(v, st, 32);
  rounds(v, w, 0, 64);
  for (int i = 0; i < 8; i++) st[i] += v[i];
}

/* Full SHA-256d of the 80-byte header into out[32], used to confirm every candidate exactly. */
static void sha256d_header(const uint8_t hdr[80], uint8_t out[32]) {
  uint32_t st[8], blk[16], i;
  memcpy(st, IV, 32);
  for (i = 0; i < 16; i++) blk[i] = be32(hdr + 4 * i);
  compress(st, blk);
  for (i = 0; i < 4; i++) blk[i] = be32(hdr + 64 + 4 * i);
  blk[4] = PAD_BIT;
  for (i = 5; i < 15; i++) blk[i] = 0;
  blk[15] = HDR_BITS;
  compress(st, blk);
  for (i = 0; i < 8; i++) blk[i] = st[i];
  blk[8] = PAD_BIT;
  for (i = 9; i < 15; i++) blk[i] = 0;
  blk[15] = HASH_BITS;
  memcpy(st, IV, 32);
  compress(st, blk);
  for (i = 0; i < 8; i++) {
    out[4 * i] = (uint8_t)(st[i] >> 24);
    out[4 * i + 1] = (uint8_t)(st[i] >> 16);
    out[4 * i + 2] = (uint8_t)(st[i] >> 8);
    out[4 * i + 3] = (uint8_t)st[i];
  }
}

/* Exact check: does the header with this nonce hash to a little-endian value <= target? */
static int check_exact(const uint8_t hdr[80], uint32_t nonce, const uint8_t target[32]) {
  uint8_t h[80], out[32];
  memcpy(h, hdr, 76);
  h[76] = (uint8_t)nonce;
  h[77] = (uint8_t)(nonce >> 8);
  h[78] = (uint8_t)(nonce >> 16);
  h[79] = (uint8_t)(nonce >> 24);
  sha256d_header(h, out);
  for (int i = 31; i >= 0; i--) { /* most significant byte is the last one (little-endian) */
    if (out[i] < target[i]) return 1;
    if (out[i] > target[i]) return 0;
  }
  return 1; /* equal meets the target */
}

/* Per-call constants shared by both paths. */
typedef struct {
  const uint8_t *header;
  const uint8_t *target;
  uint32_t mid[8];     /* state after compressing header bytes 0..63 */
  uint32_t tail[3];    /* header bytes 64..75 as big-endian words (merkle tail, time, bits) */
  uint32_t target_top; /* top 32 bits of the target as a 256-bit little-endian integer */
} scan_ctx;

typedef struct {
  int found;
  uint32_t nonce;
  uint64_t hashes;
} scan_result;

static void ctx_init(scan_ctx *c, const uint8_t *header, const uint8_t *target) {
  uint32_t blk[16];
  c->header = header;
  c->target = target;
  memcpy(c->mid, IV, 32);
  for (int i = 0; i < 16; i++) blk[i] = be32(header + 4 * i);
  compress(c->mid, blk);
  for (int i = 0; i < 3; i++) c->tail[i] = be32(header + 64 + 4 * i);
  c->target_top = ((uint32_t)target[31] << 24) | ((uint32_t)target[30] << 16) |
                  ((uint32_t)target[29] << 8) | (uint32_t)target[28];
}

/* One round with the working variables renamed instead of moved: the caller rotates the argument
 * order, so the new E lands in d and the new A in h (FIPS 180-4 section 6.2.2 step 3). */
#define RND(a, b, c, d, e, f, g, h, t, w)                                  \
  do {                                                                     \
    uint32_t t1_ = (h) + BSIG1(e) + CH(e, f, g) + K[t] + (w)[t];           \
    uint32_t t2_ = BSIG0(a) + MAJ(a, b, c);                                \
    d += t1_;                                                              \
    h = t1_ + t2_;                                                         \
  } while (0)

/* Rounds t..t+7 (t a multiple of 8, where the names line up with A..H again). */
#define RND8(t, w)                              \
  RND(a, b, c, d, e, f, g, h, (t) + 0, w);      \
  RND(h, a, b, c, d, e, f, g, (t) + 1, w);      \
  RND(g, h, a, b, c, d, e, f, (t) + 2, w);      \
  RND(f, g, h, a, b, c, d, e, (t) + 3, w);      \
  RND(e, f, g, h, a, b, c, d, (t) + 4, w);      \
  RND(d, e, f, g, h, a, b, c, (t) + 5, w);      \
  RND(c, d, e, f, g, h, a, b, (t) + 6, w);      \
  RND(b, c, d, e, f, g, h, a, (t) + 7, w)

/* Scalar scan, rounds unrolled. The hash's top 32 bits (as a little-endian integer) are bytes 28..31
 * = state word 7 byte-swapped; H after 64 rounds equals E after 61 rounds (h <- g <- f <- e), so the
 * filter needs only 61 rounds of the second hash. Rounds 0..2 of block 2 and its schedule words 16
 * and 17 do not depend on the nonce (they use only W0..W2 and padding), so they are computed once. */
static scan_result scan_scalar(const scan_ctx *ctx, uint32_t start, uint64_t count) {
  scan_result r = {0, 0, count};
  uint32_t w1[64], w2[64], pre[8];
  for (int i = 0; i < 3; i++) w1[i] = ctx->tail[i];
  w1[3] = 0;
  w1[4] = PAD_BIT;
  for (int i = 5; i < 15; i++) w1[i] = 0;
  w1[15] = HDR_BITS;
  w1[16] = SSIG1(w1[14]) + w1[9] + SSIG0(w1[1]) + w1[0];
  w1[17] = SSIG1(w1[15]) + w1[10] + SSIG0(w1[2]) + w1[1];
  memcpy(pre, ctx->mid, 32);
  rounds(pre, w1, 0, 3);
  w2[8] = PAD_BIT;
  for (int i = 9; i < 15; i++) w2[i] = 0;
  w2[15] = HASH_BITS;
  for (uint64_t i = 0; i < count; i++) {
    uint32_t nonce = start + (uint32_t)i;
    uint32_t a, b, c, d, e, f, g, h;
    w1[3] = bswap32(nonce); /* the nonce is stored little-endian, SHA-256 reads big-endian words */
    for (int t = 18; t < 64; t++) w1[t] = SSIG1(w1[t - 2]) + w1[t - 7] + SSIG0(w1[t - 15]) + w1[t - 16];
    a = pre[0]; b = pre[1]; c = pre[2]; d = pre[3]; e = pre[4]; f = pre[5]; g = pre[6]; h = pre[7];
    /* Rounds 3..7, with A..H named a..h as loaded; each round shifts the names by one. */
    RND(a, b, c, d, e, f, g, h, 3, w1);
    RND(h, a, b, c, d, e, f, g, 4, w1);
    RND(g, h, a, b, c, d, e, f, 5, w1);
    RND(f, g, h, a, b, c, d, e, 6, w1);
    RND(e, f, g, h, a, b, c, d, 7, w1);
    /* After 5 rounds from names a..h, A..H are named d,e,f,g,h,a,b,c: rename back for RND8. */
    {
      uint32_t A = d, B = e, C = f, D = g, E = h, F = a, G = b, H = c;
      a = A; b = B; c = C; d = D; e = E; f = F; g = G; h = H;
    }
    RND8(8, w1); RND8(16, w1); RND8(24, w1); RND8(32, w1); RND8(40, w1); RND8(48, w1); RND8(56, w1);
    w2[0] = a + ctx->mid[0]; w2[1] = b + ctx->mid[1]; w2[2] = c + ctx->mid[2]; w2[3] = d + ctx->mid[3];
    w2[4] = e + ctx->mid[4]; w2[5] = f + ctx->mid[5]; w2[6] = g + ctx->mid[6]; w2[7] = h + ctx->mid[7];
    for (int t = 16; t < 64; t++) w2[t] = SSIG1(w2[t - 2]) + w2[t - 7] + SSIG0(w2[t - 15]) + w2[t - 16];
    a = IV[0]; b = IV[1]; c = IV[2]; d = IV[3]; e = IV[4]; f = IV[5]; g = IV[6]; h = IV[7];
    RND8(0, w2); RND8(8, w2); RND8(16, w2); RND8(24, w2); RND8(32, w2); RND8(40, w2); RND8(48, w2);
    RND(a, b, c, d, e, f, g, h, 56, w2);
    RND(h, a, b, c, d, e, f, g, 57, w2);
    RND(g, h, a, b, c, d, e, f, 58, w2);
    RND(f, g, h, a, b, c, d, e, 59, w2);
    RND(e, f, g, h, a, b, c, d, 60, w2);
    /* 61 rounds done: E is named h (the new E of round 60 went into its 'd' argument, h). */
    uint32_t top = bswap32(h + IV[7]);
    if (__builtin_expect(top <= ctx->target_top, 0) && check_exact(ctx->header, nonce, ctx->target)) {
      r.found = 1;
      r.nonce = nonce;
      r.hashes = i + 1;
      return r;
    }
  }
  return r;
}

/* ------------------------------------------------------------------------------------------------
 * SHA-NI path (Intel SHA extensions: SHA256RNDS2 / SHA256MSG1 / SHA256MSG2).
 * SHA256RNDS2 keeps the state as two vectors, ABEF = {A,B,E,F} and CDGH = {C,D,G,H} with A (resp. C)
 * in the top 32 bits, and does two rounds using W+K from the low 64 bits of the third operand.
 * Message words are held with W[t] in the lowest lane.
 * ---------------------------------------------------------------------------------------------- */
#ifdef CW_X86
#define SHA_TARGET __attribute__((target("sha,sse4.1")))

/* Four rounds: two RNDS2, the second with W+K for rounds t+2, t+3 moved to the low lanes. */
#define R4(s0, s1, mk)                            \
  do {                                            \
    __m128i t_ = (mk);                            \
    s1 = _mm_sha256rnds2_epu32(s1, s0, t_);       \
    t_ = _mm_shuffle_epi32(t_, 0x0E);             \
    s0 = _mm_sha256rnds2_epu32(s0, s1, t_);       \
  } while (0)

/* W[t..t+3] = sigma1(W[t-2]) + W[t-7] + sigma0(W[t-15]) + W[t-16] from the previous 16 words. */
#define MSGX(w0, w1, w2, w3) \
  _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32(w0, w1), _mm_alignr_epi8(w3, w2, 4)), w3)

/* Slide the 16-word window of one lane (suffix L) by four words. */
#define SCHED(L)                                        \
  do {                                                  \
    __m128i n_ = MSGX(w0##L, w1##L, w2##L, w3##L);      \
    w0##L = w1##L; w1##L = w2##L; w2##L = w3##L; w3##L = n_; \
  } while (0)

/* Rounds 4i..4i+3 (i >= 4) on both lanes, interleaved. */
#define GRP2(i)                                                    \
  do {                                                             \
    __m128i k_ = _mm_load_si128((const __m128i *)&K[4 * (i)]);     \
    SCHED(a); SCHED(b);                                            \
    R4(s0a, s1a, _mm_add_epi32(w3a, k_));                          \
    R4(s0b, s1b, _mm_add_epi32(w3b, k_));                          \
  } while (0)

/* ABEF/CDGH -> message words {A,B,C,D}, {E,F,G,H} (W[0] lowest). */
#define TO_WORDS(abef, cdgh, lo, hi)                                          \
  do {                                                                        \
    lo = _mm_shuffle_epi32(_mm_unpackhi_epi64(cdgh, abef), 0x1B);            \
    hi = _mm_shuffle_epi32(_mm_unpacklo_epi64(cdgh, abef), 0x1B);            \
  } while (0)

/* Both lanes: block 2 of hash 1 from the state after its rounds 0..1, then hash 2 up to round 61, giving
 * H7 of the final hash in the low lane of ABEF (F after 62 rounds = H after 64). */
SHA_TARGET static inline __attribute__((always_inline)) void
pair_shani(const __m128i pre_abef, const __m128i mid_abef, const __m128i mid_cdgh, const __m128i m0base,
           const uint32_t w2k2, uint32_t na, uint32_t nb, uint32_t *h7a, uint32_t *h7b) {
  const __m128i zero = _mm_setzero_si128();
  const __m128i pad1 = _mm_set_epi32(0, 0, 0, (int)PAD_BIT);
  const __m128i len1 = _mm_set_epi32((int)HDR_BITS, 0, 0, 0);
  const __m128i len2 = _mm_set_epi32((int)HASH_BITS, 0, 0, 0);
  __m128i s0a, s1a, s0b, s1b, w0a, w1a, w2a, w3a, w0b, w1b, w2b, w3b;

  /* Hash 1, block 2. Rounds 0-1 (W0, W1 fixed) were done once: pre_abef; CDGH is then mid's ABEF.
   * Rounds 2-3 use W2 (fixed) and W3 = the byte-swapped nonce. */
  uint32_t ba = bswap32(na), bb = bswap32(nb);
  s1a = pre_abef; s1b = pre_abef;
  s0a = _mm_sha256rnds2_epu32(mid_abef, pre_abef, _mm_set_epi32(0, 0, (int)(ba + K[3]), (int)w2k2));
  s0b = _mm_sha256rnds2_epu32(mid_abef, pre_abef, _mm_set_epi32(0, 0, (int)(bb + K[3]), (int)w2k2));
  w0a = _mm_insert_epi32(m0base, (int)ba, 3);
  w0b = _mm_insert_epi32(m0base, (int)bb, 3);
  w1a = w1b = pad1;
  w2a = w2b = zero;
  w3a = w3b = len1;
  {
    /* Rounds 4..15: padding words, W+K constant. */
    __m128i k1 = _mm_add_epi32(pad1, _mm_load_si128((const __m128i *)&K[4]));
    __m128i k2 = _mm_load_si128((const __m128i *)&K[8]);
    __m128i k3 = _mm_add_epi32(len1, _mm_load_si128((const __m128i *)&K[12]));
    R4(s0a, s1a, k1); R4(s0b, s1b, k1);
    R4(s0a, s1a, k2); R4(s0b, s1b, k2);
    R4(s0a, s1a, k3); R4(s0b, s1b, k3);
  }
  GRP2(4); GRP2(5); GRP2(6); GRP2(7); GRP2(8); GRP2(9); GRP2(10); GRP2(11);
  GRP2(12); GRP2(13); GRP2(14); GRP2(15);
  s0a = _mm_add_epi32(s0a, mid_abef); s1a = _mm_add_epi32(s1a, mid_cdgh);
  s0b = _mm_add_epi32(s0b, mid_abef); s1b = _mm_add_epi32(s1b, mid_cdgh);

  /* Hash 2: the 32-byte digest, padding, bit length 256, from the initial hash value. */
  TO_WORDS(s0a, s1a, w0a, w1a);
  TO_WORDS(s0b, s1b, w0b, w1b);
  w2a = w2b = pad1;
  w3a = w3b = len2;
  s0a = s0b = _mm_set_epi32((int)IV[0], (int)IV[1], (int)IV[4], (int)IV[5]);
  s1a = s1b = _mm_set_epi32((int)IV[2], (int)IV[3], (int)IV[6], (int)IV[7]);
  {
    __m128i k_ = _mm_load_si128((const __m128i *)&K[0]);
    R4(s0a, s1a, _mm_add_epi32(w0a, k_)); R4(s0b, s1b, _mm_add_epi32(w0b, k_));
    k_ = _mm_load_si128((const __m128i *)&K[4]);
    R4(s0a, s1a, _mm_add_epi32(w1a, k_)); R4(s0b, s1b, _mm_add_epi32(w1b, k_));
    k_ = _mm_add_epi32(pad1, _mm_load_si128((const __m128i *)&K[8]));
    R4(s0a, s1a, k_); R4(s0b, s1b, k_);
    k_ = _mm_add_epi32(len2, _mm_load_si128((const __m128i *)&K[12]));
    R4(s0a, s1a, k_); R4(s0b, s1b, k_);
  }
  GRP2(4); GRP2(5); GRP2(6); GRP2(7); GRP2(8); GRP2(9); GRP2(10); GRP2(11);
  GRP2(12); GRP2(13); GRP2(14);
  {
    /* Rounds 60-61 only: H after 64 rounds = F after 62 rounds (h <- g <- f). */
    __m128i k_ = _mm_load_si128((const __m128i *)&K[60]);
    SCHED(a); SCHED(b);
    s1a = _mm_sha256rnds2_epu32(s1a, s0a, _mm_add_epi32(w3a, k_));
    s1b = _mm_sha256rnds2_epu32(s1b, s0b, _mm_add_epi32(w3b, k_));
  }
  *h7a = (uint32_t)_mm_cvtsi128_si32(s1a) + IV[7];
  *h7b = (uint32_t)_mm_cvtsi128_si32(s1b) + IV[7];
}

SHA_TARGET static scan_result scan_shani(const scan_ctx *c, uint32_t start, uint64_t count) {
  scan_result r = {0, 0, count};
  const uint32_t *m = c->mid;
  const __m128i mid_abef = _mm_set_epi32((int)m[0], (int)m[1], (int)m[4], (int)m[5]);
  const __m128i mid_cdgh = _mm_set_epi32((int)m[2], (int)m[3], (int)m[6], (int)m[7]);
  const __m128i k0 = _mm_set_epi32(0, 0, (int)(c->tail[1] + K[1]), (int)(c->tail[0] + K[0]));
  /* Rounds 0-1 of block 2 use only W0, W1: the same for every nonce. */
  const __m128i pre_abef = _mm_sha256rnds2_epu32(mid_cdgh, mid_abef, k0);
  const __m128i m0base = _mm_set_epi32(0, (int)c->tail[2], (int)c->tail[1], (int)c->tail[0]);
  const uint32_t w2k2 = c->tail[2] + K[2];
  for (uint64_t i = 0; i < count; i += 2) {
    uint32_t na = start + (uint32_t)i;
    int has_b = i + 1 < count;
    uint32_t nb = has_b ? na + 1 : na;
    uint32_t ha, hb;
    pair_shani(pre_abef, mid_abef, mid_cdgh, m0base, w2k2, na, nb, &ha, &hb);
    if (__builtin_expect(bswap32(ha) <= c->target_top, 0) && check_exact(c->header, na, c->target)) {
      r.found = 1; r.nonce = na; r.hashes = i + 1;
      return r;
    }
    if (__builtin_expect(bswap32(hb) <= c->target_top, 0) && has_b &&
        check_exact(c->header, nb, c->target)) {
      r.found = 1; r.nonce = nb; r.hashes = i + 2;
      return r;
    }
  }
  return r;
}

#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 11
/* Run-time CPU check: SHA extensions and SSE4.1 (PINSRD) must both be present. */
static int cpu_has_shani(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1");
}
#else
#include <cpuid.h>
/* Compilers without the "sha" name in __builtin_cpu_supports: CPUID leaf 7 EBX bit 29 (SHA) and
 * leaf 1 ECX bit 19 (SSE4.1), per the Intel SDM's CPUID table. */
static int cpu_has_shani(void) {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 19))) return 0;
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
  return (b & (1u << 29)) != 0;
}
#endif
#else
static int cpu_has_shani(void) { return 0; }
#endif

/* ------------------------------------------------------------------------------------------------
 * Node-API glue.
 * ---------------------------------------------------------------------------------------------- */

static int g_shani = 0;

#define NAPI_OK(env, call)                                            \
  do {                                                                \
    if ((call) != napi_ok) {                                          \
      napi_throw_error((env), "COINWORKS_NATIVE", "Node-API call failed"); \
      return NULL;                                                    \
    }                                                                 \
  } while (0)

/* Reads a Uint8Array argument of exactly `len` bytes; throws a TypeError and returns NULL otherwise. */
static const uint8_t *get_bytes(napi_env env, napi_value v, size_t len, const char *what) {
  bool is_ta = false;
  napi_typedarray_type type;
  size_t length = 0;
  void *data = NULL;
  if (napi_is_typedarray(env, v, &is_ta) != napi_ok || !is_ta ||
      napi_get_typedarray_info(env, v, &type, &length, &data, NULL, NULL) != napi_ok ||
      type != napi_uint8_array || length != len) {
    napi_throw_type_error(env, "COINWORKS_BAD_ARGUMENT", what);
    return NULL;
  }
  return (const uint8_t *)data;
}

static napi_value do_scan(napi_env env, napi_callback_info info, int force_scalar) {
  size_t argc = 4;
  napi_value argv[4], out, v;
  NAPI_OK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 4) {
    napi_throw_type_error(env, "COINWORKS_BAD_ARGUMENT", "scan(header80, target32LE, startNonce, count)");
    return NULL;
  }
  const uint8_t *header = get_bytes(env, argv[0], 80, "header must be an 80-byte Uint8Array");
  if (!header) return NULL;
  const uint8_t *target = get_bytes(env, argv[1], 32, "target must be a 32-byte Uint8Array");
  if (!target) return NULL;
  double dstart = 0, dcount = 0;
  if (napi_get_value_double(env, argv[2], &dstart) != napi_ok ||
      napi_get_value_double(env, argv[3], &dcount) != napi_ok || !(dstart >= 0) || !(dstart <= 4294967295.0) ||
      !(dcount >= 0) || !(dcount <= 4294967296.0) || dstart != (double)(uint64_t)dstart ||
      dcount != (double)(uint64_t)dcount) {
    napi_throw_range_error(env, "COINWORKS_BAD_ARGUMENT",
                           "startNonce must be an integer in [0, 2^32), count an integer in [0, 2^32]");
    return NULL;
  }
  scan_ctx ctx;
  ctx_init(&ctx, header, target);
  scan_result r;
#ifdef CW_X86
  if (g_shani && !force_scalar)
    r = scan_shani(&ctx, (uint32_t)dstart, (uint64_t)dcount);
  else
#endif
    r = scan_scalar(&ctx, (uint32_t)dstart, (uint64_t)dcount);
  (void)force_scalar;
  NAPI_OK(env, napi_create_object(env, &out));
  NAPI_OK(env, napi_get_boolean(env, r.found != 0, &v));
  NAPI_OK(env, napi_set_named_property(env, out, "found", v));
  NAPI_OK(env, napi_create_uint32(env, r.nonce, &v));
  NAPI_OK(env, napi_set_named_property(env, out, "nonce", v));
  NAPI_OK(env, napi_create_double(env, (double)r.hashes, &v));
  NAPI_OK(env, napi_set_named_property(env, out, "hashes", v));
  return out;
}

/* scan(header80, target32LE, startNonce, count): best available path. */
static napi_value js_scan(napi_env env, napi_callback_info info) { return do_scan(env, info, 0); }

/* scanScalar(...): always the portable path (for tests and comparison). */
static napi_value js_scan_scalar(napi_env env, napi_callback_info info) { return do_scan(env, info, 1); }

NAPI_MODULE_INIT() {
  napi_value fn, impl;
  g_shani = cpu_has_shani();
  NAPI_OK(env, napi_create_function(env, "scan", NAPI_AUTO_LENGTH, js_scan, NULL, &fn));
  NAPI_OK(env, napi_set_named_property(env, exports, "scan", fn));
  NAPI_OK(env, napi_create_function(env, "scanScalar", NAPI_AUTO_LENGTH, js_scan_scalar, NULL, &fn));
  NAPI_OK(env, napi_set_named_property(env, exports, "scanScalar", fn));
  NAPI_OK(env, napi_create_string_utf8(env, g_shani ? "sha-ni" : "scalar", NAPI_AUTO_LENGTH, &impl));
  NAPI_OK(env, napi_set_named_property(env, exports, "impl", impl));
  return exports;
}
