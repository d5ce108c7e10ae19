import './map.css';
import { Route, Routes } from 'react-router';
import { ComparePage } from './ComparePage.tsx';
import { MapPage } from './MapPage.tsx';
import { PrintPage } from './PrintPage.tsx';

/** /kreise/:id/karte/* — the network map, its comparison of two dates, and the print view. */
export default function CircleMapRoutes() {
  return (
    <Routes>
      <Route index element={<MapPage />} />
      <Route path="vergleich" element={<ComparePage />} />
      <Route path="druck" element={<PrintPage />} />
    </Routes>
  );
}
