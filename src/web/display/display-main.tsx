import { createRoot } from 'react-dom/client';
import '../ui/styles.css';

function IdleDisplay() {
  return (
    <main
      style={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        background: '#0d1b2a',
        color: '#fff',
        fontSize: 32,
        textAlign: 'center',
      }}
    >
      <div>
        <p style={{ fontSize: 44, fontWeight: 700, margin: 0 }}>Kính chào Quý ông/bà</p>
        <p>Bộ phận tiếp nhận và trả kết quả</p>
      </div>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<IdleDisplay />);
