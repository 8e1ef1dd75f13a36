import { brandColors, contrastRatio, parseHexColor, relativeLuminance } from './brand';

const ratio = (a: string, b: string) => contrastRatio(relativeLuminance(parseHexColor(a)!), relativeLuminance(parseHexColor(b)!));

describe('brand colours', () => {
  it('parses 3- and 6-digit hex colours and rejects anything else', () => {
    expect(parseHexColor('#fff')).toEqual([255, 255, 255]);
    expect(parseHexColor('#1F5FBF')).toEqual([31, 95, 191]);
    expect(parseHexColor('red')).toBeNull();
    expect(parseHexColor('#12345')).toBeNull();
    expect(parseHexColor('url(x)')).toBeNull();
  });

  it('computes WCAG luminance and contrast', () => {
    expect(relativeLuminance([0, 0, 0])).toBe(0);
    expect(relativeLuminance([255, 255, 255])).toBeCloseTo(1, 5);
    expect(contrastRatio(1, 0)).toBeCloseTo(21, 5);
  });

  it('puts white text on dark brands and black text on light ones', () => {
    expect(brandColors('#1f5fbf').onBrand).toBe('#ffffff');
    expect(brandColors('#000080').onBrand).toBe('#ffffff');
    expect(brandColors('#ffd400').onBrand).toBe('#000000');
    expect(brandColors('#7fdbff').onBrand).toBe('#000000');
  });

  it('always leaves at least 4.5:1 between text and the brand colour', () => {
    for (const color of ['#ff0000', '#00ff00', '#0000ff', '#808080', '#ff8800', '#00aa88', '#777777', '#888888']) {
      const { brand, onBrand } = brandColors(color);
      const l = relativeLuminance(parseHexColor(brand)!);
      const textL = onBrand === '#ffffff' ? 1 : 0;
      expect(contrastRatio(l, textL)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('uses the brand colour for text and lines on white as it is when it is readable', () => {
    expect(brandColors('#1f5fbf')).toEqual({ brand: '#1f5fbf', onBrand: '#ffffff', brandInk: '#1f5fbf', brandLine: '#1f5fbf' });
  });

  it('a light yellow brand (#FFEB3B): the header and buttons keep the yellow with black text; links and lines are the yellow darkened, same hue, to 4.5:1 and 3:1', () => {
    const yellow = brandColors('#FFEB3B');
    expect(yellow.brand).toBe('#ffeb3b');
    expect(yellow.onBrand).toBe('#000000');
    // The yellow itself fails on white (about 1.2:1) and against white text.
    expect(ratio('#ffeb3b', '#ffffff')).toBeLessThan(1.5);
    expect(ratio(yellow.brand, yellow.onBrand)).toBeGreaterThanOrEqual(4.5);
    expect(ratio(yellow.brandInk, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(ratio(yellow.brandInk, '#ffffff')).toBeLessThan(4.7);
    expect(ratio(yellow.brandLine, '#ffffff')).toBeGreaterThanOrEqual(3);
    expect(ratio(yellow.brandLine, '#ffffff')).toBeLessThan(3.2);
    // Same hue: each channel scaled alike (red and green stay in the yellow's proportion).
    const [r, g, b] = parseHexColor(yellow.brandInk)!;
    expect(g / r).toBeCloseTo(0xeb / 0xff, 1);
    expect(b / r).toBeCloseTo(0x3b / 0xff, 1);
  });

  it('for any colour, text on it, text in it and lines in it on white all pass', () => {
    const failing: string[] = [];
    for (let i = 0; i < 4096; i++) {
      const color = `#${i.toString(16).padStart(3, '0')}`;
      const c = brandColors(color);
      if (ratio(c.brand, c.onBrand) < 4.5 || ratio(c.brandInk, '#ffffff') < 4.5 || ratio(c.brandLine, '#ffffff') < 3) failing.push(color);
    }
    expect(failing).toEqual([]);
  });

  it('falls back to the default brand for missing or invalid colours', () => {
    expect(brandColors(null).brand).toBe('#1f5fbf');
    expect(brandColors('javascript:alert(1)').brand).toBe('#1f5fbf');
    expect(brandColors('#ABC').brand).toBe('#aabbcc');
  });
});
