/* Text folding for search, the same as geo.spatial.text.fold: đ/ð → d, no marks, lower case, single spaces. */
export function fold(text) {
  return String(text || "").replace(/[đĐðÐ]/g, "d").normalize("NFD").replace(/\p{Mn}/gu, "")
    .toLowerCase().split(/\s+/).filter(Boolean).join(" ");
}
