/** Readers of URL query parameters that pages keep their filters in: a bad or missing value reads as unset. */
export const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;

export const text = (value: string | null) => (value && value.trim() !== '' ? value.trim() : undefined);

export const date = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

export const positive = (value: string | null, fallback: number) => {
  const number = Number(value);
  return Number.isInteger(number) && number >= 1 ? number : fallback;
};
