import { describe, expect, it } from 'vitest';
import { detectEncoding, latinPairsDominate } from '../../src/io/encoding.js';
import { encodeGbk, ingest, runCli, writeTmp } from '../helpers.js';

/** Windows-1252 bytes of text whose non-ASCII characters are all in Latin-1 (same code points). */
const cp1252 = (text: string) => Buffer.from(text, 'latin1');

const GERMAN = 'Datum;Verkäufer;Kunde;Betrag\n31.12.2024;Müller;Bäckerei Schön;1.234,56\n30.12.2024;Jürgen Größ;Gärtnerei Köhler;99,00\n';
const FRENCH =
  'Date;Vendeur;Client;Montant\n31/12/2024;Hélène Lefèvre;Société Générale;1 234,56\n30/12/2024;Françoise;Crédit Agricole;99,00\n';
const SPANISH =
  'Fecha;Vendedor;Cliente;Importe\n31/12/2024;José Peña;Panadería Muñoz;1.234,56\n30/12/2024;María Ibáñez;Compañía Andaluza;99,00\n';

describe('windows-1252 Latin text is not taken for GBK', () => {
  for (const [lang, text, rep] of [
    ['German', GERMAN, 'Müller'],
    ['French', FRENCH, 'Hélène Lefèvre'],
    ['Spanish', SPANISH, 'José Peña'],
  ] as const) {
    it(`${lang}: read as windows-1252 with the fallback warning, names intact`, async () => {
      const bytes = cp1252(text);
      expect(detectEncoding(bytes, true).encoding).toBe('windows-1252');
      const { records, file } = await ingest([writeTmp('latin.csv', bytes)]);
      expect(file.encoding).toBe('windows-1252');
      expect(file.warnings.some((w) => w.includes('read as windows-1252'))).toBe(true);
      expect(records[0]!.rep).toBe(rep);
      expect(records).toHaveLength(2);
    });
  }

  it('the CLI on the German file: umlauts intact, encoding noted', () => {
    const r = runCli(['validate', '--format', 'json', writeTmp('de1252.csv', cp1252(GERMAN))]);
    expect(r.stdout + r.stderr).not.toContain('鋟');
    expect(r.stdout + r.stderr).toContain('windows-1252');
  });

  it('real-looking GBK text still reads as GB18030', () => {
    const text =
      '日期,业务员,客户,销售额,备注\n2026/1/5,张伟,北京华联超市有限公司,"1,200.50",首单\n2026/1/18,李娜,上海家乐福,￥860,iPhone配件\n2026/2/3,王芳,ABC贸易公司,300,返点\n';
    const bytes = encodeGbk(text);
    expect(latinPairsDominate(bytes)).toBe(false);
    expect(detectEncoding(bytes, true).encoding).toBe('gb18030');
  });

  it('counts pairs by trail byte: ASCII trails (Latin word) vs high trails (Chinese)', () => {
    // "Mü" + "ller": 0xFC 0x6C is a pair with an ASCII trail
    expect(latinPairsDominate(cp1252('Müller'))).toBe(true);
    // 张伟 in GBK: D5 C5 CE B0, both trails ≥ 0x80
    expect(latinPairsDominate(Buffer.from([0xd5, 0xc5, 0xce, 0xb0]))).toBe(false);
    expect(latinPairsDominate(Buffer.from('abc'))).toBe(false);
  });
});
