package evaluator

import (
	"io/fs"
	"syscall"
	"time"
)

// statOf returns name's stat in fsys, when fsys is the operating system's
// (os.DirFS) and says what the stat holds.
func statOf(fsys fs.FS, name string) (fileStat, bool) {
	taken := time.Now().UnixNano()
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return fileStat{}, false
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return fileStat{}, false
	}
	return fileStat{
		Size:  info.Size(),
		Mtime: info.ModTime().UnixNano(),
		Ctime: time.Unix(st.Ctim.Unix()).UnixNano(),
		Ino:   st.Ino,
		Dev:   st.Dev,
		Taken: taken,
	}, true
}
