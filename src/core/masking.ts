/** Display masking (GB/T 35273 §7.2): done on the server, so the browser never receives the full value. */

export function maskPhone(phone: string | null): string | null {
  if (!phone) {
    return null;
  }
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) {
    return '*'.repeat(digits.length);
  }
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

export function maskIdNumber(id: string | null): string | null {
  if (!id) {
    return null;
  }
  return id.length <= 10 ? '*'.repeat(id.length) : `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** Surname only: 张* for two characters, 张*三 for three or more keeps the last one as well. */
export function maskName(name: string | null): string | null {
  if (!name) {
    return null;
  }
  const chars = [...name];
  if (chars.length <= 2) {
    return `${chars[0]}*`;
  }
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

const MOBILE_IN_TEXT = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const ID_IN_TEXT = /(?<![\dXx])\d{17}[\dXx](?![\dXx])/g;
const LANDLINE_IN_TEXT = /(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)/g;

/** Removes phone and ID numbers that citizens write into free text, before it is shown publicly. */
export function scrubPersonalData(text: string): string {
  return text
    .replace(ID_IN_TEXT, (id) => maskIdNumber(id) ?? '')
    .replace(MOBILE_IN_TEXT, (phone) => maskPhone(phone) ?? '')
    .replace(LANDLINE_IN_TEXT, '****');
}
