package bundle

import (
	"bufio"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ZipSource is a .zip bundle of size bytes. It streams the central
// directory record by record, rather than loading it whole as archive/zip
// does: a crafted directory of millions of entries costs time, not memory.
func ZipSource(r io.ReaderAt, size int64) Source { return zipSource{r, size} }

type zipSource struct {
	r    io.ReaderAt
	size int64
}

var errZip = errors.New("not a valid zip archive")

// Signatures and fixed lengths of the zip records read here (APPNOTE.TXT).
const (
	zipEnd       = 0x06054b50
	zipEnd64Loc  = 0x07064b50
	zipEnd64     = 0x06064b50
	zipCentral   = 0x02014b50
	zipLocal     = 0x04034b50
	zipEndLen    = 22
	zipCentLen   = 46
	zipLocalLen  = 30
	zipMaxSearch = zipEndLen + 1<<16 // the end record and its longest comment
)

// directory finds the central directory: where it starts, its length and
// how many records it holds.
func (z zipSource) directory() (off, length int64, records uint64, err error) {
	n := min(z.size, zipMaxSearch)
	buf := make([]byte, n)
	if _, err := z.r.ReadAt(buf, z.size-n); err != nil && err != io.EOF {
		return 0, 0, 0, err
	}
	p := -1
	for i := len(buf) - zipEndLen; i >= 0; i-- {
		if binary.LittleEndian.Uint32(buf[i:]) == zipEnd {
			p = i
			break
		}
	}
	if p < 0 {
		return 0, 0, 0, errZip
	}
	end := buf[p:]
	records = uint64(binary.LittleEndian.Uint16(end[10:]))
	length = int64(binary.LittleEndian.Uint32(end[12:]))
	off = int64(binary.LittleEndian.Uint32(end[16:]))
	if records == 0xffff || length == 0xffffffff || off == 0xffffffff {
		// Zip64: a locator just before the end record points at the
		// zip64 end record, which holds 64-bit values.
		endAt := z.size - n + int64(p)
		loc := make([]byte, 20)
		if endAt < 20 {
			return 0, 0, 0, errZip
		}
		if _, err := z.r.ReadAt(loc, endAt-20); err != nil || binary.LittleEndian.Uint32(loc) != zipEnd64Loc {
			return 0, 0, 0, errZip
		}
		at := binary.LittleEndian.Uint64(loc[8:])
		rec := make([]byte, 56)
		if at > uint64(z.size) {
			return 0, 0, 0, errZip
		}
		if _, err := z.r.ReadAt(rec, int64(at)); err != nil || binary.LittleEndian.Uint32(rec) != zipEnd64 {
			return 0, 0, 0, errZip
		}
		records = binary.LittleEndian.Uint64(rec[32:])
		l, o := binary.LittleEndian.Uint64(rec[40:]), binary.LittleEndian.Uint64(rec[48:])
		if l > uint64(z.size) || o > uint64(z.size) {
			return 0, 0, 0, errZip
		}
		length, off = int64(l), int64(o)
	}
	if off+length > z.size {
		return 0, 0, 0, errZip
	}
	return off, length, records, nil
}

func (z zipSource) Walk(visit func(*Item) error) error {
	off, length, records, err := z.directory()
	if err != nil {
		return err
	}
	dir := bufio.NewReader(io.NewSectionReader(z.r, off, length))
	var fixed [zipCentLen]byte
	for range records {
		if _, err := io.ReadFull(dir, fixed[:]); err != nil || binary.LittleEndian.Uint32(fixed[:]) != zipCentral {
			return errZip
		}
		h := fixed[:]
		made := binary.LittleEndian.Uint16(h[4:]) >> 8
		flags := binary.LittleEndian.Uint16(h[8:])
		method := binary.LittleEndian.Uint16(h[10:])
		csize := uint64(binary.LittleEndian.Uint32(h[20:]))
		usize := uint64(binary.LittleEndian.Uint32(h[24:]))
		nameLen, extraLen, commentLen := int(binary.LittleEndian.Uint16(h[28:])), int(binary.LittleEndian.Uint16(h[30:])), int(binary.LittleEndian.Uint16(h[32:]))
		attrs := binary.LittleEndian.Uint32(h[38:])
		local := uint64(binary.LittleEndian.Uint32(h[42:]))
		rest := make([]byte, nameLen+extraLen+commentLen)
		if _, err := io.ReadFull(dir, rest); err != nil {
			return errZip
		}
		name, extra := string(rest[:nameLen]), rest[nameLen:nameLen+extraLen]
		// Sizes and offset that do not fit 32 bits are in the zip64
		// extra field, in this order, each only if its field is full.
		for len(extra) >= 4 {
			id, l := binary.LittleEndian.Uint16(extra), int(binary.LittleEndian.Uint16(extra[2:]))
			if l > len(extra)-4 {
				break
			}
			if id == 1 {
				b := extra[4 : 4+l]
				for _, v := range []*uint64{&usize, &csize, &local} {
					if *v == 0xffffffff && len(b) >= 8 {
						*v, b = binary.LittleEndian.Uint64(b), b[8:]
					}
				}
			}
			extra = extra[4+l:]
		}
		it := &Item{Name: name, Size: int64(usize)}
		if usize > 1<<62 || csize > uint64(z.size) || local > uint64(z.size) {
			return errZip
		}
		switch mode := zipMode(made, attrs, name); {
		case mode == "symlink":
			it.Problem = fmt.Sprintf("%s: a symbolic link; a bundle holds only files and folders", name)
		case mode == "dir":
			it.Dir, it.Name = true, strings.TrimSuffix(name, "/")
		case mode != "file":
			it.Problem = fmt.Sprintf("%s: not a regular file (%s)", name, mode)
		case flags&1 != 0:
			it.Problem = fmt.Sprintf("%s: encrypted", name)
		case method != 0 && method != 8:
			it.Problem = fmt.Sprintf("%s: compression method %d; a bundle uses deflate or none", name, method)
		default:
			if it.R, err = z.contents(int64(local), int64(csize), method); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		}
		if err := visit(it); err != nil {
			return stopped(err)
		}
	}
	return nil
}

// contents reads an entry's data after its local header.
func (z zipSource) contents(local, csize int64, method uint16) (io.Reader, error) {
	var h [zipLocalLen]byte
	if _, err := z.r.ReadAt(h[:], local); err != nil || binary.LittleEndian.Uint32(h[:]) != zipLocal {
		return nil, errZip
	}
	start := local + zipLocalLen + int64(binary.LittleEndian.Uint16(h[26:])) + int64(binary.LittleEndian.Uint16(h[28:]))
	if start+csize > z.size {
		return nil, errZip
	}
	data := io.NewSectionReader(z.r, start, csize)
	if method == 0 {
		return data, nil
	}
	return flate.NewReader(data), nil
}

// zipMode tells a file, a folder, a symbolic link or something else from
// an entry's attributes, as archive/zip's FileHeader.Mode does.
func zipMode(made uint16, attrs uint32, name string) string {
	if strings.HasSuffix(name, "/") {
		return "dir"
	}
	switch made {
	case 3, 19: // Unix, macOS: the Unix mode in the high 16 bits
		switch attrs >> 16 & 0xf000 {
		case 0, 0x8000:
			return "file"
		case 0x4000:
			return "dir"
		case 0xa000:
			return "symlink"
		case 0x2000, 0x6000:
			return "device"
		case 0x1000:
			return "FIFO"
		}
		return "socket"
	}
	if attrs&0x10 != 0 { // MS-DOS directory attribute
		return "dir"
	}
	return "file"
}
