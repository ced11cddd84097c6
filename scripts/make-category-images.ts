/**
 * Writes one flat illustration per demo category to public/images/categories/<slug>.svg.
 * Everything is drawn here from simple shapes; nothing is downloaded.
 *
 *   npx tsx scripts/make-category-images.ts
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { categories, type CategorySlug } from "../prisma/demo/catalogue";

const OUT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../public/images/categories");

type Art = { background: string; ground: string; body: string };

/** A soft shadow under the subject. */
const shadow = (cx: number, cy: number, rx: number, colour: string) =>
  `<ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="${Math.round(rx / 7)}" fill="${colour}"/>`;

/** Small rice-grain ellipses scattered around a centre, deterministic. */
function grains(cx: number, cy: number, count: number, spread: number, fill: string, size = 7): string {
  let out = "";
  for (let i = 0; i < count; i++) {
    const a = (i * 137.5 * Math.PI) / 180;
    const r = spread * Math.sqrt((i + 0.5) / count);
    const x = (cx + r * Math.cos(a)).toFixed(1);
    const y = (cy + r * Math.sin(a) * 0.45).toFixed(1);
    const rot = (i * 47) % 180;
    out += `<ellipse cx="${x}" cy="${y}" rx="${size}" ry="${(size * 0.5).toFixed(1)}" fill="${fill}" transform="rotate(${rot} ${x} ${y})"/>`;
  }
  return out;
}

function hexagon(cx: number, cy: number, r: number, fill: string, stroke: string): string {
  const points = Array.from({ length: 6 }, (_, i) => {
    const a = (Math.PI / 3) * i + Math.PI / 6;
    return `${(cx + r * Math.cos(a)).toFixed(1)},${(cy + r * Math.sin(a)).toFixed(1)}`;
  }).join(" ");
  return `<polygon points="${points}" fill="${fill}" stroke="${stroke}" stroke-width="4"/>`;
}

function leaf(cx: number, cy: number, length: number, angle: number, fill: string): string {
  const w = length * 0.38;
  return `<path d="M0 0 Q ${w} ${-length / 2} 0 ${-length} Q ${-w} ${-length / 2} 0 0 Z" fill="${fill}" transform="translate(${cx} ${cy}) rotate(${angle})"/>`;
}

const art: Record<CategorySlug, Art> = {
  rice: {
    background: "#FFF4D6",
    ground: "#F1DDA8",
    body: `
      <line x1="250" y1="92" x2="330" y2="205" stroke="#8A5A36" stroke-width="9" stroke-linecap="round"/>
      <line x1="278" y1="84" x2="345" y2="196" stroke="#A06D45" stroke-width="9" stroke-linecap="round"/>
      <path d="M112 210 Q 200 120 288 210 Z" fill="#FFFFFF"/>
      ${grains(200, 190, 22, 70, "#F4EEDD", 8)}
      <path d="M92 208 H308 Q 300 300 200 304 Q 100 300 92 208 Z" fill="#C0504D"/>
      <path d="M92 208 H308" stroke="#9E3B38" stroke-width="8" stroke-linecap="round"/>
      <path d="M130 246 Q 200 262 270 246" stroke="#E8A08C" stroke-width="7" fill="none" stroke-linecap="round"/>
      <rect x="168" y="300" width="64" height="16" rx="6" fill="#9E3B38"/>`,
  },
  grains: {
    background: "#F6E7C8",
    ground: "#E4CD9E",
    body: `
      <path d="M130 150 Q 118 300 140 318 H260 Q 282 300 270 150 Q 200 168 130 150 Z" fill="#C8A06A"/>
      <path d="M140 150 Q 200 120 260 150 Q 200 172 140 150 Z" fill="#E6B94A"/>
      ${grains(200, 146, 14, 50, "#F2CF6B", 6)}
      <path d="M150 132 Q 200 150 250 132" stroke="#8A6A3E" stroke-width="9" fill="none" stroke-linecap="round"/>
      <path d="M165 220 H235 M170 245 H230" stroke="#A9834F" stroke-width="6" stroke-linecap="round"/>
      ${grains(300, 318, 12, 34, "#E0A93A", 6)}
      ${grains(96, 320, 9, 26, "#D98F3A", 6)}`,
  },
  "beef-meat": {
    background: "#FBE3DF",
    ground: "#EDC3BC",
    body: `
      <path d="M92 200 Q 90 130 170 122 Q 260 112 300 160 Q 330 200 300 250 Q 262 300 180 294 Q 96 288 92 200 Z" fill="#C8453B"/>
      <path d="M104 200 Q 104 142 172 136 Q 252 128 288 166 Q 314 200 290 242 Q 258 282 182 280 Q 108 274 104 200 Z" fill="#D9574B"/>
      <path d="M140 170 Q 180 190 170 230 M210 150 Q 230 200 270 210 M150 250 Q 200 240 240 262" stroke="#F6D3CC" stroke-width="7" fill="none" stroke-linecap="round"/>
      <circle cx="236" cy="208" r="22" fill="#F4E7DA"/>
      <circle cx="236" cy="208" r="10" fill="#E5CDB7"/>
      ${leaf(318, 120, 46, 30, "#6BAF5F")}
      ${leaf(318, 120, 40, 75, "#86C276")}`,
  },
  "eggs-poultry": {
    background: "#FFF1E0",
    ground: "#EED6B6",
    body: `
      <path d="M96 236 Q 200 330 304 236 Z" fill="#B0793F"/>
      <ellipse cx="160" cy="206" rx="38" ry="50" fill="#F7E6CF"/>
      <ellipse cx="240" cy="200" rx="40" ry="54" fill="#EED2AE"/>
      <ellipse cx="200" cy="222" rx="38" ry="48" fill="#FFFFFF"/>
      <path d="M92 236 Q 200 270 308 236" stroke="#8C5A2B" stroke-width="10" fill="none" stroke-linecap="round"/>
      <path d="M110 258 L150 250 M170 270 L215 262 M240 262 L285 252 M130 282 L170 276 M210 290 L255 280" stroke="#D2A064" stroke-width="5" stroke-linecap="round"/>
      <ellipse cx="188" cy="200" rx="9" ry="13" fill="#FFFFFF" opacity="0.7"/>`,
  },
  fungi: {
    background: "#E8F1E4",
    ground: "#CBDDBF",
    body: `
      <path d="M150 200 Q 146 272 136 300 H196 Q 184 272 182 200 Z" fill="#F3E5CF"/>
      <path d="M86 206 Q 92 120 166 114 Q 244 120 248 206 Q 166 222 86 206 Z" fill="#A0522D"/>
      <circle cx="132" cy="160" r="10" fill="#C47A4C"/><circle cx="180" cy="144" r="8" fill="#C47A4C"/><circle cx="210" cy="178" r="9" fill="#C47A4C"/>
      <path d="M262 236 Q 260 282 252 304 H292 Q 284 282 284 236 Z" fill="#F3E5CF"/>
      <path d="M222 240 Q 226 184 272 180 Q 320 184 322 240 Q 272 250 222 240 Z" fill="#8B4A2A"/>
      <path d="M286 120 Q 320 100 336 126 Q 350 150 326 160 Q 334 184 306 180 Q 282 176 290 156 Q 266 146 286 120 Z" fill="#3A2E2A"/>
      <path d="M298 134 Q 312 142 312 160" stroke="#5C4B45" stroke-width="4" fill="none"/>`,
  },
  nuts: {
    background: "#F3E9DC",
    ground: "#DEC9AE",
    body: `
      <circle cx="160" cy="214" r="72" fill="#B5835A"/>
      <path d="M160 142 V286" stroke="#8A5E3B" stroke-width="6"/>
      <path d="M118 170 Q 136 190 120 214 Q 104 238 124 262 M202 170 Q 184 190 200 214 Q 216 238 196 262" stroke="#8A5E3B" stroke-width="5" fill="none" stroke-linecap="round"/>
      <path d="M256 300 Q 230 230 268 170 Q 306 230 280 300 Z" fill="#9B6A3C"/>
      <path d="M250 268 L286 258 M248 238 L290 226 M254 208 L286 196 M262 182 L280 176" stroke="#C79A6B" stroke-width="6" stroke-linecap="round"/>
      <ellipse cx="318" cy="296" rx="14" ry="9" fill="#D9B48A"/><ellipse cx="98" cy="300" rx="12" ry="8" fill="#D9B48A"/>`,
  },
  fruit: {
    background: "#EEF6DA",
    ground: "#D3E2AE",
    body: `
      <path d="M200 118 Q 174 118 170 156 Q 116 172 112 232 Q 110 304 200 306 Q 290 304 288 232 Q 284 172 230 156 Q 226 118 200 118 Z" fill="#D9D45B"/>
      <path d="M150 250 Q 150 210 180 196" stroke="#F2EE9A" stroke-width="10" fill="none" stroke-linecap="round"/>
      <ellipse cx="246" cy="240" rx="26" ry="20" fill="#E9A15A" opacity="0.55"/>
      <path d="M200 120 Q 204 96 214 82" stroke="#7A5230" stroke-width="8" fill="none" stroke-linecap="round"/>
      ${leaf(212, 92, 56, 60, "#6BAF5F")}`,
  },
  vegetables: {
    background: "#E3F4E8",
    ground: "#BFDDC7",
    body: `
      <circle cx="160" cy="226" r="76" fill="#9ACD7E"/>
      <path d="M160 150 Q 110 200 130 290 M160 150 Q 210 200 190 290 M160 150 V300" stroke="#D8EFC4" stroke-width="6" fill="none"/>
      <circle cx="126" cy="214" r="40" fill="#B6DE98" opacity="0.8"/>
      <path d="M262 170 L300 300 L238 186 Z" fill="#F08A3C"/>
      <path d="M258 196 L270 192 M264 222 L278 218 M270 250 L284 246" stroke="#D66A22" stroke-width="4"/>
      ${leaf(252, 176, 44, -20, "#4F9A4A")}${leaf(254, 176, 40, 20, "#6BAF5F")}
      <path d="M300 140 Q 336 150 330 200 Q 322 236 306 226 Q 318 190 294 156 Z" fill="#D9443A"/>
      <path d="M300 140 Q 296 126 306 118" stroke="#4F9A4A" stroke-width="5" fill="none" stroke-linecap="round"/>`,
  },
  herbs: {
    background: "#E6F0E9",
    ground: "#C4D9CA",
    body: `
      <path d="M200 310 Q 196 220 206 110" stroke="#5B8A4E" stroke-width="7" fill="none" stroke-linecap="round"/>
      ${leaf(200, 280, 62, -55, "#6BAF5F")}${leaf(201, 270, 62, 55, "#86C276")}
      ${leaf(201, 230, 56, -50, "#86C276")}${leaf(202, 220, 56, 52, "#6BAF5F")}
      ${leaf(204, 180, 48, -45, "#6BAF5F")}${leaf(205, 170, 48, 48, "#86C276")}
      <path d="M206 112 q -18 -26 -8 -40 M206 112 q 16 -26 30 -30 M206 112 q 4 -30 -2 -46" stroke="#F7F3E3" stroke-width="8" fill="none" stroke-linecap="round"/>
      <path d="M206 112 q -18 -26 -8 -40" stroke="#F3D36B" stroke-width="4" fill="none" stroke-linecap="round"/>
      <path d="M96 262 H160 L150 310 H106 Z" fill="#B79B7E"/><ellipse cx="128" cy="262" rx="32" ry="8" fill="#D8C2A8"/>
      <line x1="140" y1="258" x2="172" y2="214" stroke="#8A6E55" stroke-width="8" stroke-linecap="round"/>`,
  },
  ginseng: {
    background: "#F5EEDD",
    ground: "#E2D3B2",
    body: `
      <path d="M196 150 Q 176 190 184 236 Q 160 270 132 300 M190 236 Q 200 276 194 318 M186 226 Q 230 250 262 296 M188 200 Q 150 214 122 236" stroke="#E8C99A" stroke-width="14" fill="none" stroke-linecap="round"/>
      <path d="M196 142 Q 212 180 200 236" stroke="#E8C99A" stroke-width="26" fill="none" stroke-linecap="round"/>
      <path d="M190 176 H210 M188 200 H206" stroke="#C9A571" stroke-width="3"/>
      <path d="M198 136 Q 198 104 214 86" stroke="#5B8A4E" stroke-width="6" fill="none" stroke-linecap="round"/>
      ${leaf(214, 88, 52, -70, "#6BAF5F")}${leaf(214, 88, 52, -20, "#86C276")}${leaf(214, 88, 52, 30, "#6BAF5F")}${leaf(214, 88, 48, 80, "#86C276")}
      <circle cx="214" cy="70" r="8" fill="#D9443A"/><circle cx="226" cy="62" r="8" fill="#E4574C"/><circle cx="204" cy="58" r="8" fill="#D9443A"/>`,
  },
  honey: {
    background: "#FFF3CC",
    ground: "#EED89A",
    body: `
      ${hexagon(300, 130, 30, "#F7D77A", "#E9B949")}${hexagon(300, 190, 30, "#F2C55A", "#E9B949")}${hexagon(352, 160, 30, "#F7D77A", "#E9B949")}
      <rect x="118" y="150" width="144" height="156" rx="30" fill="#F2B134"/>
      <rect x="110" y="128" width="160" height="34" rx="10" fill="#B8742A"/>
      <path d="M120 178 Q 150 196 170 178 Q 190 206 214 178 Q 240 196 260 178" stroke="#FFD46B" stroke-width="10" fill="none" stroke-linecap="round"/>
      <rect x="146" y="214" width="88" height="56" rx="10" fill="#FFF3CC"/>
      ${hexagon(190, 242, 18, "#F2B134", "#D99A22")}
      <ellipse cx="150" cy="200" rx="10" ry="26" fill="#FFFFFF" opacity="0.35"/>`,
  },
  kimchi: {
    background: "#FDE8E4",
    ground: "#EDC6BE",
    body: `
      <path d="M84 232 H316 Q 308 300 200 306 Q 92 300 84 232 Z" fill="#F4F1EC"/>
      <path d="M84 232 H316" stroke="#D9D2C8" stroke-width="8" stroke-linecap="round"/>
      <path d="M110 232 Q 120 166 180 170 Q 200 140 236 160 Q 290 150 292 232 Z" fill="#D9443A"/>
      <path d="M140 228 Q 150 190 186 190 M200 226 Q 214 182 252 186 M236 228 Q 250 200 276 204" stroke="#F29A80" stroke-width="8" fill="none" stroke-linecap="round"/>
      <path d="M150 200 Q 170 212 176 230 M222 196 Q 236 212 238 230" stroke="#F7E7B5" stroke-width="9" fill="none" stroke-linecap="round"/>
      <circle cx="170" cy="176" r="4" fill="#FFFFFF"/><circle cx="248" cy="168" r="4" fill="#FFFFFF"/><circle cx="214" cy="160" r="3" fill="#FFFFFF"/>
      ${leaf(296, 168, 34, 40, "#6BAF5F")}`,
  },
  "tea-drinks": {
    background: "#E4F2EC",
    ground: "#BFDCCF",
    body: `
      <ellipse cx="196" cy="296" rx="112" ry="18" fill="#FFFFFF"/>
      <path d="M112 196 H280 Q 276 290 196 292 Q 116 290 112 196 Z" fill="#FFFFFF"/>
      <ellipse cx="196" cy="198" rx="84" ry="14" fill="#A5C97A"/>
      <path d="M278 212 Q 322 212 318 240 Q 314 266 270 262" stroke="#FFFFFF" stroke-width="12" fill="none"/>
      <path d="M136 236 Q 196 252 258 236" stroke="#7FB6A1" stroke-width="7" fill="none" stroke-linecap="round"/>
      <path d="M168 170 Q 152 150 168 130 Q 184 110 168 90 M212 170 Q 196 150 212 130 Q 228 110 212 90" stroke="#FFFFFF" stroke-width="7" fill="none" stroke-linecap="round" opacity="0.9"/>
      ${leaf(300, 150, 56, 50, "#4F9A4A")}${leaf(300, 150, 44, 100, "#6BAF5F")}`,
  },
  snacks: {
    background: "#FCE9EF",
    ground: "#EDC5D1",
    body: `
      <rect x="110" y="178" width="180" height="128" rx="12" fill="#D9534F"/>
      <rect x="98" y="150" width="204" height="40" rx="10" fill="#E86A5F"/>
      <rect x="186" y="150" width="28" height="156" fill="#F2C14E"/>
      <path d="M200 150 Q 150 96 140 130 Q 136 156 200 150 Q 250 96 260 130 Q 264 156 200 150 Z" fill="#F2C14E"/>
      <circle cx="200" cy="150" r="12" fill="#E2A93A"/>
      <circle cx="140" cy="230" r="6" fill="#F7C5C0"/><circle cx="256" cy="262" r="6" fill="#F7C5C0"/><circle cx="150" cy="280" r="5" fill="#F7C5C0"/><circle cx="250" cy="214" r="5" fill="#F7C5C0"/>`,
  },
  silk: {
    background: "#EEEAF7",
    ground: "#D3CCE8",
    body: `
      <path d="M70 250 Q 130 200 200 240 Q 270 280 330 230" stroke="#C9BEE6" stroke-width="6" fill="none" stroke-linecap="round"/>
      <path d="M80 280 Q 140 236 210 270 Q 280 304 330 262" stroke="#B3A5DC" stroke-width="4" fill="none" stroke-linecap="round"/>
      <ellipse cx="150" cy="196" rx="58" ry="38" fill="#FFFDF6" transform="rotate(-18 150 196)"/>
      <ellipse cx="246" cy="186" rx="54" ry="36" fill="#FBF3D9" transform="rotate(14 246 186)"/>
      <path d="M110 204 Q 150 184 190 196 M118 186 Q 150 170 180 178 M210 186 Q 246 170 280 192 M214 202 Q 246 190 276 206" stroke="#E6DDC3" stroke-width="4" fill="none" stroke-linecap="round"/>
      ${leaf(300, 120, 70, 35, "#6BAF5F")}
      <path d="M300 120 L 334 70" stroke="#4F8A44" stroke-width="3"/>`,
  },
};

function svg(slug: CategorySlug, nameZh: string): string {
  const a = art[slug];
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" width="400" height="400" role="img" aria-label="${nameZh}">
  <title>${nameZh}</title>
  <rect width="400" height="400" rx="32" fill="${a.background}"/>
  <circle cx="60" cy="64" r="90" fill="#FFFFFF" opacity="0.35"/>
  <circle cx="360" cy="360" r="70" fill="#FFFFFF" opacity="0.25"/>
  ${shadow(200, 322, 150, a.ground)}${a.body}
</svg>
`;
}

mkdirSync(OUT_DIR, { recursive: true });
for (const category of categories) {
  writeFileSync(path.join(OUT_DIR, `${category.slug}.svg`), svg(category.slug, category.nameZh));
}
console.info(`Wrote ${categories.length} category images to ${path.relative(process.cwd(), OUT_DIR)}`);
