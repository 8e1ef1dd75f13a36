import { brandColors, contrastRatio, parseHexColor, relativeLuminance } from './brand';

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

  it('uses the brand colour for text on white only when it is readable', () => {
    expect(brandColors('#1f5fbf').brandInk).toBe('#1f5fbf');
    expect(brandColors('#ffd400').brandInk).toBe('#1d2733');
  });

  it('falls back to the default brand for missing or invalid colours', () => {
    expect(brandColors(null).brand).toBe('#1f5fbf');
    expect(brandColors('javascript:alert(1)').brand).toBe('#1f5fbf');
    expect(brandColors('#ABC').brand).toBe('#aabbcc');
  });
});
