/* Leaflet-Geoman's words in Vietnamese (it ships none), so a Vietnamese page speaks one language. */
export const GEOMAN_VI = {
  tooltips: {
    placeMarker: "Bấm để đặt điểm",
    firstVertex: "Bấm để đặt đỉnh đầu tiên",
    continueLine: "Bấm để vẽ tiếp",
    finishLine: "Bấm vào một đỉnh đã có để kết thúc",
    finishPoly: "Bấm vào đỉnh đầu tiên để kết thúc",
    finishRect: "Bấm để kết thúc",
  },
  actions: { finish: "Xong", cancel: "Hủy", removeLastVertex: "Xóa đỉnh vừa vẽ" },
  buttonTitles: {
    drawMarkerButton: "Đặt điểm",
    drawPolyButton: "Vẽ vùng",
    drawRectButton: "Vẽ hình chữ nhật",
    editButton: "Sửa đỉnh",
    dragButton: "Kéo hình",
    deleteButton: "Xóa hình",
  },
};
